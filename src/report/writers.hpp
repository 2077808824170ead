// One function per format; format.cpp dispatches.
#pragma once
#include <ostream>

#include "exposcan/report.hpp"

namespace exposcan::report {

void write_text(const RunReport& report, std::ostream& out, const WriteOptions& options);
void write_json(const RunReport& report, std::ostream& out);

}  // namespace exposcan::report
