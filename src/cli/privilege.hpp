// exposcan needs no privilege for a connect scan, so it refuses to run with
// privilege it did not ask for: setuid/setgid binaries or file capabilities
// (the kernel's AT_SECURE). A setuid exposcan would let any local user make
// root open sockets and write files where they point -o. Running as root
// directly is allowed (the lab and demo need it for namespaces).
#pragma once
#include <string>
#include <sys/types.h>

namespace exposcan::cli {

struct ProcessIds {
    uid_t ruid, euid;
    gid_t rgid, egid;
    bool at_secure;  // getauxval(AT_SECURE): set-id or file capabilities
};

// Empty if fine; else a one-line reason. The caller prints it and exits 3.
std::string privilege_problem(const ProcessIds& ids);
std::string privilege_problem();  // of this process

}  // namespace exposcan::cli
