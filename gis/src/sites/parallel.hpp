// Runs work(i, thread) for i in [0, count) on `threads` threads (the caller's is one of
// them), items handed out one at a time. The first exception stops the handing out and is
// rethrown in the caller once every thread has finished. Each thread keeps its own GEOS
// context (geos::Context::current()), so GEOS work inside is safe. Internal to gis.
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace zanplan::sites {

template <typename Work>
void parallel_for(std::size_t count, unsigned threads, Work&& work) {
  threads = std::max(1U, threads);
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> errors(threads);
  auto run = [&](unsigned t) {
    try {
      for (std::size_t i = next++; i < count; i = next++) work(i, t);
    } catch (...) {
      errors[t] = std::current_exception();
      next = count;
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(run, t);
  run(0);
  for (auto& thread : pool) thread.join();
  for (auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace zanplan::sites
