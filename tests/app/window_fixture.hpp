// What the window tests share: a window opened on a workspace with its first results shown,
// and the interface switched to French and back.
#pragma once

#include <QCoreApplication>
#include <QLocale>
#include <QSignalSpy>
#include <QTranslator>
#include <filesystem>
#include <memory>

#include <gtest/gtest.h>

#include "main_window.hpp"

inline constexpr int kScoreTimeoutMs = 300'000;  // scoring the region under the sanitizers is slow

// A 1400 × 900 window without basemap on `workspace`, once its first results are shown. Call
// it under ASSERT_NO_FATAL_FAILURE.
inline void open_scored_window(const std::filesystem::path& workspace, std::unique_ptr<zanplan::app::MainWindow>& window) {
  zanplan::app::WindowOptions options;
  options.data_dir = ZANPLAN_DATA_DIR;
  options.basemap = false;
  window = std::make_unique<zanplan::app::MainWindow>(options);
  window->resize(1400, 900);
  window->show();
  QSignalSpy shown(window.get(), &zanplan::app::MainWindow::results_shown);
  window->open_workspace(workspace);
  ASSERT_TRUE(shown.wait(kScoreTimeoutMs)) << "no results after opening the workspace";
}

// The French translation installed and a French locale set; false when it cannot be loaded.
inline bool install_french(QTranslator& french) {
  if (!french.load(QStringLiteral("zanplan_fr"), QStringLiteral(ZANPLAN_QM_DIR))) return false;
  QCoreApplication::installTranslator(&french);
  QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
  return true;
}

// Undoes install_french (once the windows using it are gone).
inline void remove_french(QTranslator& french) {
  QCoreApplication::removeTranslator(&french);
  QLocale::setDefault(QLocale::c());
}
