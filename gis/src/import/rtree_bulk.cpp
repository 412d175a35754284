#include "import/rtree_bulk.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <span>

#include <sqlite3.h>

#include <fmt/format.h>

#include "zanplan/error.hpp"

namespace zanplan::importer {

namespace {

// SQLite's rtree module stores a double d as the nearest float when that float does not
// cut into the box; otherwise as d scaled by 1 ± 2^-23 (away from the box's inside). The
// same arithmetic here gives the same stored values.
constexpr double towards_zero = 1.0 - 1.0 / 8388608.0;
constexpr double away_from_zero = 1.0 + 1.0 / 8388608.0;

float value_down(double d) {
  auto f = static_cast<float>(d);
  if (static_cast<double>(f) > d) f = static_cast<float>(d * (d < 0 ? away_from_zero : towards_zero));
  return f;
}

float value_up(double d) {
  auto f = static_cast<float>(d);
  if (static_cast<double>(f) < d) f = static_cast<float>(d * (d < 0 ? towards_zero : away_from_zero));
  return f;
}

// Cells are stored big-endian: the 64-bit id (a rowid in a leaf, a node number above), then
// the four coordinates as 32-bit floats.
constexpr std::size_t cell_bytes = 8 + 4 * 4;
constexpr std::size_t header_bytes = 4;  // depth (meaningful in the root only), cell count

void put16(unsigned char* out, std::uint16_t value) {
  out[0] = static_cast<unsigned char>(value >> 8);
  out[1] = static_cast<unsigned char>(value);
}

void put32(unsigned char* out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<unsigned char>(value >> (24 - 8 * i));
}

void put64(unsigned char* out, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) out[i] = static_cast<unsigned char>(value >> (56 - 8 * i));
}

class Statement {
 public:
  Statement(sqlite3& db, const std::string& sql, const std::string& layer) : db_(db), layer_(layer) {
    if (sqlite3_prepare_v2(&db, sql.c_str(), -1, &statement_, nullptr) != SQLITE_OK) fail("cannot prepare");
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  sqlite3_stmt* get() { return statement_; }
  // Runs the statement once (its result rows ignored) and resets it for new bindings.
  void run() {
    int code = SQLITE_ROW;
    while (code == SQLITE_ROW) code = sqlite3_step(statement_);
    if (code != SQLITE_DONE) fail("cannot write the spatial index");
    sqlite3_reset(statement_);
  }
  // The first column of the first row, as an integer (0 when there is no row).
  std::int64_t integer() {
    const int code = sqlite3_step(statement_);
    if (code != SQLITE_ROW && code != SQLITE_DONE) fail("cannot read the spatial index");
    const std::int64_t value = code == SQLITE_ROW ? sqlite3_column_int64(statement_, 0) : 0;
    sqlite3_reset(statement_);
    return value;
  }
  [[noreturn]] void fail(const std::string& what) {
    throw_output(fmt::format("{}: {}", what, sqlite3_errmsg(&db_)), {.layer = layer_});
  }

 private:
  sqlite3& db_;
  std::string layer_;
  sqlite3_stmt* statement_ = nullptr;
};

std::string quoted(const std::string& name) {
  std::string text = "\"";
  for (const char c : name) text += c == '"' ? std::string("\"\"") : std::string(1, c);
  return text + "\"";
}

float center_x(const RTreeBox& box) { return box.min_x * 0.5F + box.max_x * 0.5F; }
float center_y(const RTreeBox& box) { return box.min_y * 0.5F + box.max_y * 0.5F; }

// Orders `entries` so that consecutive runs of `capacity` make compact nodes: vertical
// slabs of about sqrt(nodes) nodes by centre x, each sorted by centre y.
void sort_tile(std::vector<RTreeBox>& entries, std::size_t capacity) {
  const std::size_t nodes = (entries.size() + capacity - 1) / capacity;
  const auto slabs = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
  const std::size_t slab_entries = ((nodes + slabs - 1) / slabs) * capacity;
  auto by_x = [](const RTreeBox& a, const RTreeBox& b) {
    return center_x(a) < center_x(b) || (center_x(a) == center_x(b) && a.id < b.id);
  };
  auto by_y = [](const RTreeBox& a, const RTreeBox& b) {
    return center_y(a) < center_y(b) || (center_y(a) == center_y(b) && a.id < b.id);
  };
  std::sort(entries.begin(), entries.end(), by_x);
  for (std::size_t start = 0; start < entries.size(); start += slab_entries) {
    const std::size_t end = std::min(entries.size(), start + slab_entries);
    std::sort(entries.begin() + static_cast<std::ptrdiff_t>(start), entries.begin() + static_cast<std::ptrdiff_t>(end),
              by_y);
  }
}

}  // namespace

RTreeBox rtree_box(std::int64_t id, double min_x, double max_x, double min_y, double max_y) {
  return {id, value_down(min_x), value_up(max_x), value_down(min_y), value_up(max_y)};
}

void bulk_load_rtree(sqlite3& db, const std::string& rtree, std::vector<RTreeBox>& boxes, const std::string& layer) {
  if (boxes.empty()) return;
  const std::string node_table = quoted(rtree + "_node");
  // The node size SQLite chose when it made the table (from the page size): its empty root.
  Statement size(db, "SELECT length(data) FROM " + node_table + " WHERE nodeno = 1", layer);
  const auto node_bytes = static_cast<std::size_t>(size.integer());
  if (node_bytes < header_bytes + 2 * cell_bytes) size.fail("unexpected R-tree node size");
  const std::size_t capacity = (node_bytes - header_bytes) / cell_bytes;

  for (const char* suffix : {"_node", "_rowid", "_parent"}) {
    Statement clear(db, "DELETE FROM " + quoted(rtree + suffix), layer);
    clear.run();
  }
  Statement insert_node(db, "INSERT INTO " + node_table + " (nodeno, data) VALUES (?, ?)", layer);
  Statement insert_rowid(db, "INSERT INTO " + quoted(rtree + "_rowid") + " (rowid, nodeno) VALUES (?, ?)", layer);
  Statement insert_parent(db, "INSERT INTO " + quoted(rtree + "_parent") + " (nodeno, parentnode) VALUES (?, ?)",
                          layer);

  std::vector<unsigned char> blob(node_bytes);
  // Writes one node holding `cells`; their ids are rowids (depth 0) or child nodes.
  auto write_node = [&](std::int64_t number, std::span<const RTreeBox> cells, int depth, bool root) {
    std::fill(blob.begin(), blob.end(), 0);
    put16(blob.data(), root ? static_cast<std::uint16_t>(depth) : 0);
    put16(blob.data() + 2, static_cast<std::uint16_t>(cells.size()));
    unsigned char* out = blob.data() + header_bytes;
    for (const RTreeBox& cell : cells) {
      put64(out, static_cast<std::uint64_t>(cell.id));
      put32(out + 8, std::bit_cast<std::uint32_t>(cell.min_x));
      put32(out + 12, std::bit_cast<std::uint32_t>(cell.max_x));
      put32(out + 16, std::bit_cast<std::uint32_t>(cell.min_y));
      put32(out + 20, std::bit_cast<std::uint32_t>(cell.max_y));
      out += cell_bytes;
    }
    sqlite3_bind_int64(insert_node.get(), 1, number);
    sqlite3_bind_blob(insert_node.get(), 2, blob.data(), static_cast<int>(blob.size()), SQLITE_STATIC);
    insert_node.run();
    Statement& link = depth == 0 ? insert_rowid : insert_parent;
    for (const RTreeBox& cell : cells) {
      sqlite3_bind_int64(link.get(), 1, cell.id);
      sqlite3_bind_int64(link.get(), 2, number);
      link.run();
    }
  };

  std::vector<RTreeBox> level = std::move(boxes);
  std::int64_t next_node = 2;  // 1 is the root
  int depth = 0;
  while (level.size() > capacity) {
    sort_tile(level, capacity);
    std::vector<RTreeBox> parents;
    parents.reserve((level.size() + capacity - 1) / capacity);
    for (std::size_t start = 0; start < level.size(); start += capacity) {
      const std::span<const RTreeBox> cells(level.data() + start, std::min(capacity, level.size() - start));
      RTreeBox parent{next_node++, cells[0].min_x, cells[0].max_x, cells[0].min_y, cells[0].max_y};
      for (const RTreeBox& cell : cells) {
        parent.min_x = std::min(parent.min_x, cell.min_x);
        parent.max_x = std::max(parent.max_x, cell.max_x);
        parent.min_y = std::min(parent.min_y, cell.min_y);
        parent.max_y = std::max(parent.max_y, cell.max_y);
      }
      write_node(parent.id, cells, depth, false);
      parents.push_back(parent);
    }
    level = std::move(parents);
    ++depth;
  }
  write_node(1, level, depth, true);
  boxes.clear();
}

}  // namespace zanplan::importer
