#pragma once
#include <stdexcept>

namespace exposcan {

// Bad flag, target, port spec or policy: the CLI prints what() on one line, exits 3.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace exposcan
