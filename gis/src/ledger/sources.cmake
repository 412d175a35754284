# Sources of the ledger module (paths relative to gis/). The scenario event log is written
# with SQLite directly (explicit IMMEDIATE transactions), so the library links libsqlite3.
find_package(SQLite3 REQUIRED)
target_sources(zanplan_gis PRIVATE
  src/ledger/charge.cpp
  src/ledger/hierarchy.cpp
  src/ledger/ledger.cpp
  src/ledger/replay.cpp
  src/ledger/sqlite.cpp
  src/ledger/store.cpp
  src/ledger/table.cpp
  src/ledger/trajectory.cpp
)
target_link_libraries(zanplan_gis PRIVATE SQLite::SQLite3)
