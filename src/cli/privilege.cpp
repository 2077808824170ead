#include "cli/privilege.hpp"

#include <sys/auxv.h>
#include <unistd.h>

namespace exposcan::cli {

std::string privilege_problem(const ProcessIds& ids) {
    if (ids.ruid != ids.euid)
        return "refusing to run setuid (uid " + std::to_string(ids.ruid) + ", euid " +
               std::to_string(ids.euid) + "): a connect scan needs no privilege; remove the setuid bit";
    if (ids.rgid != ids.egid)
        return "refusing to run setgid (gid " + std::to_string(ids.rgid) + ", egid " +
               std::to_string(ids.egid) + "): remove the setgid bit";
    if (ids.at_secure)
        return "refusing to run with file capabilities or set-id privilege (AT_SECURE): "
               "a connect scan needs none; remove them (setcap -r)";
    return {};
}

std::string privilege_problem() {
    return privilege_problem(
        ProcessIds{::getuid(), ::geteuid(), ::getgid(), ::getegid(), ::getauxval(AT_SECURE) != 0});
}

}  // namespace exposcan::cli
