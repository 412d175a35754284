// Work items made in parallel and used in order: the generator's communes are made on
// worker threads and written by the calling thread in a fixed order, so that the files do
// not depend on the number of threads. Internal to gis.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "zanplan/error.hpp"

namespace zanplan::synthetic {

// Calls make_worker() once on each of `threads` worker threads; the callable it returns
// (holding that thread's own state) turns an index into a Result. consume(index, result)
// runs on the calling thread for index 0, 1, … count − 1 in that order. At most `window`
// results wait to be consumed, which bounds memory. The first exception thrown anywhere
// stops every thread and is rethrown here.
template <typename Result, typename MakeWorker, typename Consume>
void ordered_parallel(std::size_t count, unsigned threads, std::size_t window, MakeWorker make_worker,
                      Consume consume) {
  std::mutex mutex;
  std::condition_variable changed;
  std::map<std::size_t, Result> ready;
  std::size_t next_claim = 0;
  std::size_t next_consume = 0;
  bool stop = false;
  std::exception_ptr failure;
  auto fail = [&](std::exception_ptr error) {
    {
      const std::lock_guard lock(mutex);
      if (!failure) failure = error;
      stop = true;
    }
    changed.notify_all();
  };

  auto run_worker = [&] {
    try {
      auto work = make_worker();
      for (;;) {
        std::size_t index = 0;
        {
          std::unique_lock lock(mutex);
          changed.wait(lock, [&] { return stop || next_claim >= count || next_claim < next_consume + window; });
          if (stop || next_claim >= count) return;
          index = next_claim++;
        }
        Result result = work(index);
        {
          const std::lock_guard lock(mutex);
          ready.emplace(index, std::move(result));
        }
        changed.notify_all();
      }
    } catch (...) {
      fail(std::current_exception());
    }
  };

  std::vector<std::thread> workers;
  struct Join {
    std::vector<std::thread>& workers;
    std::function<void()> stop_all;
    ~Join() {
      stop_all();
      for (auto& t : workers) t.join();
    }
  } join{workers, [&] {
           {
             const std::lock_guard lock(mutex);
             stop = true;
           }
           changed.notify_all();
         }};
  const unsigned count_threads = std::max(1U, threads);
  for (unsigned t = 0; t < count_threads; ++t) workers.emplace_back(run_worker);

  for (std::size_t index = 0; index < count; ++index) {
    Result result;
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return stop || ready.contains(index); });
      if (failure) std::rethrow_exception(failure);
      auto it = ready.find(index);
      if (it == ready.end()) throw Error(ErrorKind::internal, "parallel work stopped without a failure");
      result = std::move(it->second);
      ready.erase(it);
      next_consume = index + 1;
    }
    changed.notify_all();
    consume(index, std::move(result));
  }
}

}  // namespace zanplan::synthetic
