// The admin stage of `zanplan import`: communes, EPCI, SCoT and the ZAN targets of the
// SRADDET territorialisation. See docs/admin-import.md. Internal to gis.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "geos/context.hpp"
#include "import/context.hpp"

namespace zanplan::importer {

// Writes the layers `communes`, `epci`, `scot` and `zan_targets` and fills
// context.current_code and context.communes.
void import_admin(Context& context);

namespace admin {

// ---- communes -----------------------------------------------------------------------

struct CommuneInfo {
  std::string code;  // current INSEE code
  std::string nom;
  std::string departement;
  std::optional<std::int64_t> population;
  int communes_deleguees = 0;  // of a commune nouvelle: `commune-deleguee` entries whose chefLieu it is
};

struct CommuneList {
  std::vector<CommuneInfo> communes;  // the region's current communes, by code
  // Every known code of a commune of the region (current or in anciensCodes) → current code.
  std::unordered_map<std::string, std::string> current_code;
  int without_population = 0;
  int conflicting_old_codes = 0;  // anciensCodes already claimed by another commune (ignored)
};

// Reads the Etalab decoupage-administratif communes.json, keeping `commune-actuelle`
// entries of the region.
CommuneList read_commune_list(const std::filesystem::path& path, const std::string& region_code);

struct CommuneShapes {
  std::map<std::string, geos::GeometryPtr> by_code;  // current code → MultiPolygon, Lambert-93
  std::vector<std::string> remapped;                 // "02077→02564", sorted
  int repaired = 0;                                  // geometries fixed with GEOSMakeValid
};

// Reads the commune polygons (any vector format GDAL reads; `code` attribute), reprojects
// them to Lambert-93, repairs invalid ones and unions the pieces of merged communes so that
// there is one geometry per current commune. Every commune of `list` must have a polygon.
CommuneShapes read_commune_shapes(const std::filesystem::path& path, const CommuneList& list);

// ---- communal guarantee inputs ------------------------------------------------------

// A commune's planning document for the communal guarantee's eligibility, as the region's
// input gives it (communal-guarantee.csv; layout in docs/zan-rules.md).
struct PlanningRecord {
  std::string document;  // plu, plui, carte_communale, document_en_tenant_lieu, rnu; "" unknown
  std::string stage;     // prescribed, arrete, approved; "" unknown
  std::string date;      // YYYY-MM-DD or ""
  bool pooled = false;
};

// Reads the CSV (`commune`, `document`, `stage`, `date`, `pooled`, `source`); codes are
// mapped to current communes. Throws an input error naming the file, line and column of a
// bad value or a commune that is not in the region.
std::map<std::string, PlanningRecord> read_planning_records(
    const std::filesystem::path& path, const std::unordered_map<std::string, std::string>& current_code);

// ---- EPCI ---------------------------------------------------------------------------

struct Epci {
  std::string siren;
  std::string nom;
  std::string type;
  std::vector<std::string> members_in_region;  // current codes, sorted
  int member_count_total = 0;
};

struct EpciList {
  std::map<std::string, Epci> by_siren;  // every EPCI of the file, in the region or not
  std::map<std::string, std::string> epci_of_commune;  // region commune → SIREN
  // Communes listed by more than one EPCI: commune → SIRENs not kept.
  std::map<std::string, std::vector<std::string>> extra_memberships;

  [[nodiscard]] std::vector<const Epci*> in_region() const;
};

EpciList read_epci_list(const std::filesystem::path& path,
                        const std::unordered_map<std::string, std::string>& current_code);

// ---- SCoT ---------------------------------------------------------------------------

// Precedence when a commune belongs to several SCoTs: lower tier first, then ascending id.
enum class ScotTier { custom = 0, syndicate = 1, epci = 2 };

struct Scot {
  std::string id;      // workspace id: Docurba SIREN, or the sparte custom land id
  std::string nom;
  std::string siren;   // syndicate SIREN (empty for custom SCoTs)
  std::string source;  // "docurba" or "sparte-custom"
  ScotTier tier = ScotTier::syndicate;
  std::set<std::string> members;  // current codes of region communes, as published
};

struct ScotSources {
  std::vector<Scot> scots;
  // Members that could not be resolved: "syndicate id → member id".
  std::vector<std::string> unresolved_members;
  // Custom-SCoT commune codes that are not communes of the region.
  std::vector<std::string> unknown_custom_codes;
};

// Docurba groupements with skillSCoT = true that contain communes of the region. A
// syndicate's 9-digit members are resolved through epci_list (else through other
// groupements); an EPCI holding the competence is a SCoT only when no SCoT syndicate
// lists it.
ScotSources read_docurba_scots(const std::filesystem::path& path, const EpciList& epcis,
                               const std::unordered_map<std::string, std::string>& current_code);

// sparte custom lands (`id`, `name`) and their communes (`custom_land_id`, `commune_code`).
ScotSources read_custom_scots(const std::filesystem::path& lands, const std::filesystem::path& communes,
                              const std::unordered_map<std::string, std::string>& current_code);

struct ScotOverlap {
  std::string commune;
  std::string kept;
  std::vector<std::string> dropped;
};

struct ScotAssignment {
  std::map<std::string, std::string> scot_of_commune;
  std::vector<ScotOverlap> overlaps;
  std::vector<std::string> empty_scots;  // SCoTs left with no commune (all claimed by others)
};

// One SCoT per commune, by ScotTier then ascending id.
ScotAssignment assign_scots(const std::vector<Scot>& scots);

// ---- ZAN targets --------------------------------------------------------------------

struct ZanTarget {
  std::string territory_key;
  std::string level;  // region / scot / epci
  std::string territory_id;
  std::string parent_key;
  double reduction_pct = 0.0;
  std::string document;
  bool mapped = false;
  std::string scot_id;
  std::string unmapped_reason;  // why a record could not be joined (empty when mapped)
};

// A SUDOCUH SCoT id joined to a workspace SCoT (a Docurba SIREN), or, where Docurba gives the
// territory no SCoT competence, to the EPCI whose perimeter it is.
struct CrosswalkEntry {
  std::string siren;
  bool to_epci = false;
};

struct TargetJoin {
  std::string region_code;
  std::set<std::string> region_epcis;  // SIRENs of EPCI with communes in the region
  std::set<std::string> scot_ids;      // workspace SCoT ids (with communes)
  std::map<std::string, CrosswalkEntry> crosswalk;  // SCOT_<sudocuh id> → its territory
};

// The crosswalk CSV (`scot_key`, `siren`, optional `join` = scot (default) or epci).
std::map<std::string, CrosswalkEntry> read_scot_crosswalk(const std::filesystem::path& path);

// The sparte territorialisation fixture, one row per record, joined per TargetJoin.
std::vector<ZanTarget> read_zan_targets(const std::filesystem::path& path, const TargetJoin& join);

}  // namespace admin
}  // namespace zanplan::importer
