// The build's version: `git describe --always --dirty` of the source tree at
// build time, or the project version for a build outside a git checkout.
// Defined in the generated build/generated/version.cpp (cmake/git_version.cmake).
#pragma once
#include <string_view>

namespace exposcan::cli {

std::string_view build_version();

}  // namespace exposcan::cli
