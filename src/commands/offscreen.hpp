// The Qt application that commands drawing offscreen (render, dossier) need for fonts.
#pragma once

#include <QGuiApplication>
#include <memory>

namespace zanplan::cli {

// A QGuiApplication on the offscreen platform unless one is chosen explicitly; null when an
// application already exists.
std::unique_ptr<QGuiApplication> offscreen_application();

}  // namespace zanplan::cli
