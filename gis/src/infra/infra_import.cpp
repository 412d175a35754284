// The infrastructure stage: runs each layer's importer in turn.
#include "infra/infra_import.hpp"

namespace zanplan::importer {

void import_infrastructure(Context& context) {
  infra::import_substations(context);
  infra::import_motorways(context);
  infra::import_rail_points(context);
  infra::import_ports(context);
  infra::import_logistics_areas(context);
  infra::import_brownfields(context);
  infra::import_business_parks(context);
  infra::import_farmland(context);
}

}  // namespace zanplan::importer
