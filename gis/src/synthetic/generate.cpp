// zanplan::generate_synthetic: the three synthetic files, commune by commune in code order.
#include "zanplan/synthetic.hpp"

#include <cmath>

#include <fmt/format.h>

#include "formats/cerema.hpp"
#include "synthetic/consumption.hpp"
#include "synthetic/inputs.hpp"
#include "synthetic/land_cover.hpp"
#include "synthetic/parcels.hpp"
#include "synthetic/writers.hpp"
#include "zanplan/error.hpp"

namespace zanplan {

std::string synthetic_parcels_file(const std::string& region_code) {
  return "cadastre-" + region_code + "-parcelles.json";
}

namespace {

struct Outputs {
  synthetic::StagedFile parcels;
  synthetic::StagedFile land_cover;
  synthetic::StagedFile consumption;
};

void check_options(const SyntheticOptions& options) {
  if (!std::isfinite(options.density) || options.density <= 0.0) {
    throw_usage(fmt::format("the parcel density must be a positive fraction, not {}", options.density));
  }
  if (options.output_dir.empty()) throw_usage("no output directory for the synthetic files");
}

std::string parcel_id(const std::string& commune, const synthetic::SyntheticParcel& parcel) {
  return fmt::format("{}000{}{:04d}", commune, parcel.section, parcel.number);
}

// Parcels and land classes of one commune; updates the report.
void write_commune_parcels(const synthetic::CommuneInput& commune, const SyntheticOptions& options,
                           const synthetic::LandClassifier& classifier, synthetic::EtalabWriter& etalab,
                           std::ostream& land_cover, SyntheticReport& report) {
  auto geometry_random = synthetic::Random::stream(options.seed, commune.code, "parcels");
  auto class_random = synthetic::Random::stream(options.seed, commune.code, "land cover");
  const auto generated = synthetic::generate_commune_parcels(commune, options.density, geometry_random);
  report.slivers_dropped += generated.slivers_dropped;
  for (const auto& parcel : generated.parcels) {
    const formats::LandClass land_class = classifier.classify(parcel, generated.layout, class_random);
    const std::string id = parcel_id(commune.code, parcel);
    if (!etalab.write(parcel, id, commune.code)) {
      ++report.slivers_dropped;
      continue;
    }
    const std::string_view name = formats::land_class_name(land_class);
    land_cover << id << ';' << name << ';' << (land_class == formats::LandClass::enaf ? "1" : "0") << '\n';
    ++report.parcels;
    report.core_parcels += parcel.core ? 1 : 0;
    ++report.parcels_by_class[std::string(name)];
  }
}

void check_commune_code(const synthetic::CommuneInput& commune, const std::filesystem::path& workspace) {
  if (commune.code.size() != 5) {
    throw_workspace("a commune code must have 5 characters to make 14-character parcel ids",
                    {.file = workspace.string(), .layer = "communes", .key = commune.code});
  }
}

}  // namespace

SyntheticReport generate_synthetic(const std::filesystem::path& workspace, const SyntheticOptions& options) {
  check_options(options);
  auto progress = options.progress ? options.progress : [](std::string_view, double) {};
  progress("synthetic: reading the workspace", 0.0);
  const synthetic::WorkspaceInputs inputs = synthetic::read_workspace(workspace);
  for (const auto& commune : inputs.communes) check_commune_code(commune, workspace);

  std::error_code error;
  std::filesystem::create_directories(options.output_dir, error);
  if (error)
    throw_output("cannot create directory: " + error.message(), {.file = options.output_dir.string()});

  SyntheticReport report;
  report.region_code = inputs.region_code;
  auto name_or = [](const std::string& name, const std::string& fallback) {
    return name.empty() ? fallback : name;
  };
  Outputs outputs{
      synthetic::StagedFile(options.output_dir /
                            name_or(options.parcels_name, synthetic_parcels_file(inputs.region_code))),
      synthetic::StagedFile(options.output_dir / name_or(options.land_cover_name, synthetic_land_cover_file)),
      synthetic::StagedFile(options.output_dir /
                            name_or(options.consumption_name, synthetic_consumption_file))};
  const synthetic::LandClassifier classifier(inputs);
  synthetic::EtalabWriter etalab(outputs.parcels.out());
  outputs.land_cover.out() << "id;land_class;enaf_share\n";
  outputs.consumption.out() << synthetic::csv_line(formats::cerema_layout());

  for (std::size_t i = 0; i < inputs.communes.size(); ++i) {
    const auto& commune = inputs.communes[i];
    write_commune_parcels(commune, options, classifier, etalab, outputs.land_cover.out(), report);
    auto consumption_random = synthetic::Random::stream(options.seed, commune.code, "consumption");
    const auto row = synthetic::consumption_row(commune, inputs, consumption_random);
    outputs.consumption.out() << synthetic::csv_line(row.fields);
    report.consumption_2011_2020_m2 += row.reference_2011_2020_m2;
    ++report.communes;
    if (i % 50 == 0)
      progress("synthetic: communes", static_cast<double>(i) / static_cast<double>(inputs.communes.size()));
  }
  etalab.close();

  for (auto* file : {&outputs.parcels, &outputs.land_cover, &outputs.consumption}) file->finish();
  for (auto* file : {&outputs.parcels, &outputs.land_cover, &outputs.consumption}) {
    file->publish();
    report.files.push_back(file->target());
  }
  progress("synthetic: communes", 1.0);
  return report;
}

}  // namespace zanplan
