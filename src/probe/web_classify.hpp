// Pure classifiers behind the web service table (web_services.cpp): per
// service a hint on GET /, an identify step (the service's own answer to a
// read-only GET) and, for two-step services, a decide step. identify returns
// nullopt when the answer is not the service's, and a verdict still saying
// unknown-service when the decide step must settle access.
#pragma once
#include "net/http.hpp"
#include "probe/verdict.hpp"

namespace exposcan::probe {

using Root = net::HttpResponse;
using Answer = net::HttpResponse;

// Data stores (web_classify_data.cpp).
bool hint_couchdb(const Root& root);
Outcome identify_couchdb(const Root& root, const Answer& same_root);
Verdict decide_couchdb(Verdict v, const Answer& all_dbs);
bool hint_influxdb(const Root& root);
Outcome identify_influxdb(const Root& root, const Answer& show_databases);
bool hint_clickhouse(const Root& root);
Outcome identify_clickhouse(const Root& root, const Answer& select_1);
bool hint_registry(const Root& root);
Outcome identify_registry(const Root& root, const Answer& v2);
Verdict decide_registry(Verdict v, const Answer& catalog);
bool hint_solr(const Root& root);
Outcome identify_solr(const Root& root, const Answer& cores);
bool hint_rabbitmq(const Root& root);
Outcome identify_rabbitmq(const Root& root, const Answer& overview);

// Control planes and consoles (web_classify_ops.cpp).
bool hint_consul(const Root& root);
Outcome identify_consul(const Root& root, const Answer& agent_self);
bool hint_kubernetes(const Root& root);
Outcome identify_kubernetes(const Root& root, const Answer& version);
Verdict decide_kubernetes(Verdict v, const Answer& api);
bool hint_kubelet(const Root& root);
Outcome identify_kubelet(const Root& root, const Answer& pods);
bool hint_jupyter(const Root& root);
Outcome identify_jupyter(const Root& root, const Answer& api);
Verdict decide_jupyter(Verdict v, const Answer& kernels);
bool hint_grafana(const Root& root);
Outcome identify_grafana(const Root& root, const Answer& health);
Verdict decide_grafana(Verdict v, const Answer& org);
bool hint_yarn(const Root& root);
Outcome identify_yarn(const Root& root, const Answer& cluster_info);

}  // namespace exposcan::probe
