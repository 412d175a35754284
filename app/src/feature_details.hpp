// A feature of a user layer as the details panel shows it after a click on the map: which
// layer and feature, then one line per attribute, in the interface's language.
#pragma once

#include <QString>
#include <cstdint>
#include <string>
#include <vector>

#include "zanplan/feature_attributes.hpp"

namespace zanplan::app {

// "User layer “ppri”, feature 3"
QString user_feature_title(const std::string& layer, std::int64_t fid);

// The title, then each attribute as "name  value" with the names in one column; reals are
// written the locale's way (12,5 in French), a null as "(empty)".
QString user_feature_text(const std::string& layer, std::int64_t fid, const std::vector<FeatureAttribute>& attributes);

}  // namespace zanplan::app
