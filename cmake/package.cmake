# Debian package (docs/install.md "Debian package"): `cpack -G DEB` in the
# build tree. Prefix /usr; dependencies from dpkg-shlibdeps, so they name the
# library packages the binary really links (libcurl4, libc-ares2, ...).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME exposcan)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "exposcan maintainers <maintainers@users.noreply.r-seed-9564462b.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "check from outside what a server exposes")
# The extended description; CPack puts the summary above it and indents it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "exposcan runs a TCP connect scan of all 65,535 ports of a server's IPv4 and
IPv6 addresses, probes open ports for services that answer without
authentication, audits DNS, mail records, HTTP headers and TLS certificates
for leaks of an origin hidden behind a CDN, and compares everything with a
policy. The exit code is the verdict, for deployment pipelines; a systemd
timer and Prometheus alert rules run it on a schedule.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "prometheus-node-exporter")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA "${PROJECT_SOURCE_DIR}/dist/debian/postinst;${PROJECT_SOURCE_DIR}/dist/debian/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)  # lintian: unstripped-binary-or-object is an error
include(CPack)
