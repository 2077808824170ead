// One function per format, each in its own file; format.cpp dispatches.
#pragma once
#include <ostream>

#include "exposcan/report.hpp"

namespace exposcan::report {

void write_text(const RunReport& report, std::ostream& out, const WriteOptions& options);
void write_json(const RunReport& report, std::ostream& out);
void write_jsonl(const RunReport& report, std::ostream& out);
void write_sarif(const RunReport& report, std::ostream& out);
void write_junit(const RunReport& report, std::ostream& out);
void write_prometheus(const RunReport& report, std::ostream& out);
void write_html(const RunReport& report, std::ostream& out);
void write_nmap_xml(const RunReport& report, std::ostream& out);

}  // namespace exposcan::report
