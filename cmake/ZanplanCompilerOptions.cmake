# Warnings and sanitizers live in INTERFACE targets so that they apply to zanplan's own
# targets only, never to third-party code pulled in by find_package.
add_library(zanplan_warnings INTERFACE)
add_library(zanplan::warnings ALIAS zanplan_warnings)
target_compile_options(zanplan_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
  -Wimplicit-fallthrough
  # At -O2/-O3 GCC 12 reports null dereferences and overlapping memcpy inside inlined
  # std::string and toml++ code that cannot happen (known GCC 12 false positives): the checks run
  # in the unoptimised builds CI compiles with -Werror, and are off in optimised ones.
  $<$<CONFIG:Debug>:-Wnull-dereference>
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>,$<NOT:$<CONFIG:Debug>>>:-Wno-restrict>
  # GCC 12 flags designated initializers that omit members (ErrorContext{.file = ...});
  # omitting them is the point of designated initializers, and GCC 13 no longer warns.
  -Wno-missing-field-initializers
  $<$<BOOL:${ZANPLAN_WERROR}>:-Werror>)

add_library(zanplan_sanitizers INTERFACE)
add_library(zanplan::sanitizers ALIAS zanplan_sanitizers)
if(ZANPLAN_SANITIZE)
  target_compile_options(zanplan_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(zanplan_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

# One call gives a zanplan target its warnings and sanitizer flags.
function(zanplan_target_defaults target)
  target_link_libraries(${target} PRIVATE zanplan::warnings zanplan::sanitizers)
endfunction()
