# Install layout (docs/install.md): everything an admin needs outside the
# build tree. Paths follow GNUInstallDirs, so `cmake --install build --prefix
# /usr/local` and the Debian package (prefix /usr) lay out the same tree.
include(GNUInstallDirs)

# Completion and unit directories are where the shells and systemd look for
# vendor files under the prefix; a packager can point them elsewhere.
set(EXPOSCAN_BASH_COMPLETION_DIR "${CMAKE_INSTALL_DATADIR}/bash-completion/completions" CACHE STRING "bash completions")
set(EXPOSCAN_ZSH_COMPLETION_DIR "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions" CACHE STRING "zsh completions")
set(EXPOSCAN_FISH_COMPLETION_DIR "${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d" CACHE STRING "fish completions")
set(EXPOSCAN_SYSTEMD_UNIT_DIR "lib/systemd/system" CACHE STRING "systemd system units (relative: under the prefix)")

set(dist ${PROJECT_SOURCE_DIR}/dist)
install(TARGETS exposcan RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${dist}/examples/origin.yaml DESTINATION ${CMAKE_INSTALL_DATADIR}/exposcan/examples)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
