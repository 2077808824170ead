// RAII wrappers for c-ares and libcurl live here (the only place that calls them).
namespace exposcan::net {
int placeholder_symbol = 0;
}
