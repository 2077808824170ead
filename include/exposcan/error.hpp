#pragma once
#include <stdexcept>

namespace exposcan {

// Bad flag, target, port spec or policy: the CLI prints what() on one line, exits 3.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The inputs are well-formed but not the whole job (merge: a shard missing or
// its run failed): the CLI prints what() on one line and exits 2, never 0.
class IncompleteError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace exposcan
