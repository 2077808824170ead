# Precompiled headers for the clang trees (the ASan+UBSan+fuzz tree CI builds).
# Nearly every translation unit includes Boost.Asio (include/exposcan/scan.hpp,
# model.hpp), every CLI file CLI11 and every test GoogleTest; with clang-14
# parsing them is 3-4 s of a 5-60 s sanitizer compile. Measured on the library TUs
# (same load, one job each): 289 s -> 210 s of compile (-27 %), plus one 30 s
# PCH build per group. With gcc 12 the same PCH is a 190 MB .gch whose loading
# costs as much as it saves (light TUs got 2-5x slower; net -5 % before the PCH
# build itself), so gcc builds without it by default.
#
# One PCH per group of targets that share the exact same flags and
# definitions, built once and reused by the rest of the group (REUSE_FROM):
#   lib   - the exposcan_<module> static libraries (-fPIC)
#   cli   - the exposcan executable (adds CLI11; its own definitions)
#   tests - the test_<module> GoogleTest binaries (adds gtest; own definitions)
# The fuzz targets get none: one small file each, built as executables.
# Only headers (nearly) every file of a group includes anyway: a PCH adds its
# headers to every file, and extra headers can change name lookup (e.g.
# nlohmann/json.hpp drags in <iomanip>, whose std::quoted then collides by ADL
# with policy/starter.cpp's own quoted()), so nlohmann/json stays out.
# -DEXPOSCAN_PCH=OFF turns it off (e.g. to check that each file includes what
# it uses: a PCH hides a missing #include of any header listed here).
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  set(exposcan_pch_default ON)
else()
  set(exposcan_pch_default OFF)
endif()
option(EXPOSCAN_PCH "Precompiled headers for Boost.Asio, CLI11, gtest (default: clang only)"
  ${exposcan_pch_default})

set(exposcan_pch_common
  <algorithm> <chrono> <cstdint> <map> <memory> <optional> <string> <string_view> <vector>
  <boost/asio/as_tuple.hpp> <boost/asio/awaitable.hpp> <boost/asio/co_spawn.hpp>
  <boost/asio/io_context.hpp> <boost/asio/ip/address.hpp> <boost/asio/ip/tcp.hpp>
  <boost/asio/steady_timer.hpp> <boost/asio/use_awaitable.hpp>)
set(exposcan_pch_extra_lib)
set(exposcan_pch_extra_cli <CLI/CLI.hpp>)
set(exposcan_pch_extra_tests <gtest/gtest.h>)
foreach(group lib cli tests)
  set_property(GLOBAL PROPERTY exposcan_pch_donor_${group} "")
endforeach()

# exposcan_pch(TARGET GROUP): the first target of GROUP builds the PCH, later
# ones reuse it (same flags by construction of the group).
function(exposcan_pch target group)
  if(NOT EXPOSCAN_PCH)
    return()
  endif()
  get_property(donor GLOBAL PROPERTY exposcan_pch_donor_${group})
  if(donor)
    target_precompile_headers(${target} REUSE_FROM ${donor})
  else()
    target_precompile_headers(${target} PRIVATE ${exposcan_pch_common} ${exposcan_pch_extra_${group}})
    set_property(GLOBAL PROPERTY exposcan_pch_donor_${group} ${target})
  endif()
endfunction()
