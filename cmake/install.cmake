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

# exposcan(1), compressed as Debian policy wants it (-n: no timestamp, so the
# package is reproducible); man-db reads .gz under any prefix.
find_program(GZIP_EXECUTABLE gzip REQUIRED)
set(exposcan_man_gz ${PROJECT_BINARY_DIR}/man/exposcan.1.gz)
add_custom_command(OUTPUT ${exposcan_man_gz}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
  COMMAND ${GZIP_EXECUTABLE} -9n -c ${dist}/man/exposcan.1 > ${exposcan_man_gz}
  DEPENDS ${dist}/man/exposcan.1 VERBATIM)
add_custom_target(exposcan_man ALL DEPENDS ${exposcan_man_gz})
install(FILES ${exposcan_man_gz} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# Shell completions under the names each shell's vendor directory expects.
install(FILES ${dist}/completions/exposcan.bash DESTINATION ${EXPOSCAN_BASH_COMPLETION_DIR} RENAME exposcan)
install(FILES ${dist}/completions/_exposcan DESTINATION ${EXPOSCAN_ZSH_COMPLETION_DIR})
install(FILES ${dist}/completions/exposcan.fish DESTINATION ${EXPOSCAN_FISH_COMPLETION_DIR})
