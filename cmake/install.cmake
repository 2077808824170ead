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

# systemd timer + service, configured at install time so that ExecStart names
# the binary under the prefix actually installed to (`cmake --install build
# --prefix /usr` after a /usr/local configure still gets /usr/bin/exposcan).
install(FILES ${dist}/systemd/exposcan-check@.timer DESTINATION ${EXPOSCAN_SYSTEMD_UNIT_DIR})
install(CODE "
  set(CMAKE_INSTALL_FULL_BINDIR \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
  set(CMAKE_INSTALL_FULL_DOCDIR \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DOCDIR}\")
  set(CMAKE_INSTALL_FULL_LIBEXECDIR \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBEXECDIR}\")
  set(unitdir \"${EXPOSCAN_SYSTEMD_UNIT_DIR}\")
  if(NOT IS_ABSOLUTE \"\${unitdir}\")
    set(unitdir \"\${CMAKE_INSTALL_PREFIX}/\${unitdir}\")
  endif()
  set(unit \"\$ENV{DESTDIR}\${unitdir}/exposcan-check@.service\")
  message(STATUS \"Installing: \${unit}\")
  configure_file(\"${dist}/systemd/exposcan-check@.service.in\" \"\${unit}\" @ONLY)
  file(CHMOD \"\${unit}\" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
")
install(PROGRAMS ${dist}/systemd/exposcan-publish-textfile DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/exposcan)
install(FILES ${dist}/prometheus/exposcan.rules.yml DESTINATION ${CMAKE_INSTALL_DATADIR}/exposcan/prometheus)
# Pipeline examples (docs/install.md "Pipelines"): copied into a repository, not run from here.
install(FILES ${dist}/ci/github-actions.yml ${dist}/ci/gitlab-ci.yml DESTINATION ${CMAKE_INSTALL_DATADIR}/exposcan/ci)
install(PROGRAMS ${dist}/ci/exposcan-gate DESTINATION ${CMAKE_INSTALL_DATADIR}/exposcan/ci)

# Debian policy 12.5 / 12.7: every package has /usr/share/doc/PACKAGE/copyright
# and, for a native package, changelog.gz (its first entry's version must be
# the project version: ship.test_deb checks).
set(exposcan_changelog_gz ${PROJECT_BINARY_DIR}/debian/changelog.gz)
add_custom_command(OUTPUT ${exposcan_changelog_gz}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/debian
  COMMAND ${GZIP_EXECUTABLE} -9n -c ${dist}/debian/changelog > ${exposcan_changelog_gz}
  DEPENDS ${dist}/debian/changelog VERBATIM)
add_custom_target(exposcan_changelog ALL DEPENDS ${exposcan_changelog_gz})
install(FILES ${dist}/debian/copyright ${exposcan_changelog_gz} DESTINATION ${CMAKE_INSTALL_DOCDIR})
include(cmake/package.cmake)
