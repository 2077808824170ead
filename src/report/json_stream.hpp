// Pretty-printed JSON written piece by piece, in exactly the layout of
// nlohmann's dump(2) (keys sorted, two-space indent): the per-port parts of a
// report are streamed one small object at a time, so memory does not grow
// with the number of ports and small reports stay byte-identical to a DOM dump.
#pragma once
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

namespace exposcan::report {

// Writes the value of one member (or one array element) at nesting `depth`.
using StreamValue = std::function<void(std::ostream& out, int depth)>;

// `value` as dump(2) would print it nested `depth` levels deep.
void write_nested(std::ostream& out, const nlohmann::json& value, int depth);

// An object made of the small members of `members` plus the `streamed` ones,
// all in key order (nlohmann's std::map order).
void write_object(std::ostream& out, int depth, const nlohmann::json& members,
                  const std::map<std::string, StreamValue>& streamed);

// An array of `count` elements; `element(i, out, depth)` writes element i.
void write_array(std::ostream& out, int depth, std::size_t count,
                 const std::function<void(std::size_t, std::ostream&, int)>& element);

}  // namespace exposcan::report
