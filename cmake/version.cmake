# `exposcan --version` and every report's tool version: git describe of the
# build (cmake/git_version.cmake), regenerated on each build, so a binary
# says which commit it came from; the project version outside a checkout.
set(exposcan_version_cpp ${PROJECT_BINARY_DIR}/generated/version.cpp)
set(exposcan_version_cmd ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
  -DOUTPUT=${exposcan_version_cpp} -DFALLBACK=${PROJECT_VERSION} -P ${PROJECT_SOURCE_DIR}/cmake/git_version.cmake)
execute_process(COMMAND ${exposcan_version_cmd})
add_custom_target(exposcan_git_version COMMAND ${exposcan_version_cmd} BYPRODUCTS ${exposcan_version_cpp}
  COMMENT "" VERBATIM)
target_sources(exposcan PRIVATE ${exposcan_version_cpp})
add_dependencies(exposcan exposcan_git_version)
