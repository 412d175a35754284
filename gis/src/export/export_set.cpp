// Writing a table in several formats as one set: the table is checked and its geometries
// decoded once, every file is written under a temporary name, and only when all of them are
// complete are they renamed over their targets. A failure anywhere replaces nothing.
#include <future>
#include <iostream>
#include <fstream>

#include <fmt/format.h>

#include "export/atomic_file.hpp"
#include "export/export_set.hpp"

namespace zanplan {

namespace {

bool is_standard_output(const std::filesystem::path& path) { return path == "-"; }

const char* format_name(ExportFormat format) {
  switch (format) {
    case ExportFormat::geojson: return "GeoJSON";
    case ExportFormat::geopackage: return "GeoPackage";
    case ExportFormat::csv: return "CSV";
  }
  return "?";
}

void write_text(ExportFormat format, const exporter::PreparedTable& prepared, std::ostream& out,
                const std::filesystem::path& target) {
  if (format == ExportFormat::geojson) exporter::write_geojson_stream(prepared, out, target);
  else exporter::write_csv_stream(prepared, out);
}

void write_text_file(ExportFormat format, const exporter::PreparedTable& prepared, const std::filesystem::path& file,
                     const std::filesystem::path& target) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) throw_output("cannot create file", {.file = target.string()});
  write_text(format, prepared, out, target);
  out.close();
  if (!out) throw_output("cannot write file (disk full?)", {.file = target.string()});
}

void write_text_to(const std::string& text, const std::filesystem::path& file, const std::filesystem::path& target) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw_output("cannot write file (disk full?)", {.file = target.string()});
}

void check_targets(const std::vector<ExportTarget>& targets) {
  if (targets.empty()) throw Error(ErrorKind::internal, "an export set needs at least one target");
  int to_standard_output = 0;
  for (const ExportTarget& t : targets) {
    if (!is_standard_output(t.path)) continue;
    if (t.format == ExportFormat::geopackage) {
      throw_usage("a GeoPackage cannot be written to standard output ('-'): give a file name", {.file = "-"});
    }
    ++to_standard_output;
  }
  if (to_standard_output > 1) throw_usage("only one export can go to standard output ('-')", {.file = "-"});
}

}  // namespace

void write_exports(const ExportTable& table, const std::vector<ExportTarget>& targets,
                   const std::optional<GraduatedStyle>& style) {
  check_targets(targets);
  ogr::ensure_drivers_registered();
  const exporter::PreparedTable prepared = exporter::prepare(table, targets.front().path);

  // Temporary files first (this also refuses targets that are not regular files).
  std::vector<std::unique_ptr<exporter::AtomicFile>> files;
  for (const ExportTarget& t : targets) {
    files.push_back(is_standard_output(t.path) ? nullptr : std::make_unique<exporter::AtomicFile>(t.path));
  }
  // A CSV file's .csvt belongs to the set: replaced with it or not at all.
  std::vector<std::unique_ptr<exporter::AtomicFile>> type_files;
  for (const ExportTarget& t : targets) {
    // (none when the CSV itself is named .csvt: it would replace itself)
    if (t.format == ExportFormat::csv && !is_standard_output(t.path) && csvt_path(t.path) != t.path) {
      type_files.push_back(std::make_unique<exporter::AtomicFile>(csvt_path(t.path)));
      write_text_to(exporter::csvt_text(prepared), type_files.back()->temporary(), csvt_path(t.path));
    }
  }
  // The GeoPackage goes through GDAL on its own thread; the text formats are written here
  // (the GeoJSON formats its features on worker threads itself).
  std::future<void> package;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (targets[i].format != ExportFormat::geopackage) continue;
    package = std::async(std::launch::async, [&, i] {
      exporter::write_geopackage_file(prepared, style, files[i]->temporary(), targets[i].path);
    });
  }
  try {
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const ExportTarget& t = targets[i];
      if (t.format == ExportFormat::geopackage) continue;
      if (files[i]) {
        write_text_file(t.format, prepared, files[i]->temporary(), t.path);
      } else {
        write_text(t.format, prepared, std::cout, t.path);
        std::cout.flush();
        if (!std::cout) throw_output(fmt::format("cannot write the {} to standard output", format_name(t.format)), {.file = "-"});
      }
    }
  } catch (...) {
    if (package.valid()) package.wait();
    throw;
  }
  if (package.valid()) package.get();
  for (auto& file : files) {
    if (file) file->commit();
  }
  for (auto& file : type_files) file->commit();
}

void write_text_output(const std::string& text, const std::filesystem::path& path) {
  if (is_standard_output(path)) {
    std::cout << text << std::flush;
    if (!std::cout) throw_output("cannot write to standard output", {.file = "-"});
    return;
  }
  exporter::AtomicFile file(path);
  write_text_to(text, file.temporary(), path);
  file.commit();
}

void write_geojson(const ExportTable& table, const std::filesystem::path& path) {
  write_exports(table, {{ExportFormat::geojson, path}}, std::nullopt);
}

void write_geopackage(const ExportTable& table, const std::filesystem::path& path,
                      const std::optional<GraduatedStyle>& style) {
  write_exports(table, {{ExportFormat::geopackage, path}}, style);
}

void write_csv(const ExportTable& table, const std::filesystem::path& path) {
  write_exports(table, {{ExportFormat::csv, path}}, std::nullopt);
}

}  // namespace zanplan
