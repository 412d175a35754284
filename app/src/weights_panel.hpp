// Profile, aggregation method, PENE status and one slider per weighted criterion. Any change
// asks for a re-score (after a short pause, so that dragging a slider does not queue one
// scoring per step). Weights are shown as percentages that always sum to 100.
#pragma once

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QSlider>
#include <QTimer>
#include <QWidget>
#include <map>
#include <filesystem>

#include "session.hpp"

namespace zanplan::app {

class WeightsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit WeightsPanel(std::filesystem::path data_dir, QWidget* parent = nullptr);

  // Loads a profile by name; false (and a message to `error`) when it is invalid.
  bool set_profile(const QString& name, QString* error = nullptr);
  [[nodiscard]] ScoreRequest request() const;
  // Sets one weight (0–1) as if its slider had been moved; the others are rescaled.
  void set_weight(const QString& id, double weight);
  [[nodiscard]] double weight(const QString& id) const;
  // Every weight at once, as a saved session holds them: each weighted item of the profile
  // must be named, and nothing else; false (and a message to `error`) otherwise.
  bool set_weights(const std::map<std::string, double>& weights, QString* error = nullptr);
  // "weighted-sum" or "topsis", and the PENE status (false when the profile is not eligible).
  [[nodiscard]] QString method() const;
  void set_method(const QString& method);
  void set_pene(bool pene);
  [[nodiscard]] QSlider* slider(const QString& id) const;

 signals:
  void request_changed();
  void profile_failed(const QString& message);

 private:
  void rebuild_sliders();
  void on_slider(const QString& id, int value);
  void show_weights_and_rescore();
  void update_labels();
  void schedule();

  std::filesystem::path data_dir_;
  scoring::Profile profile_;
  QComboBox* profile_box_;
  QComboBox* method_box_;
  QCheckBox* pene_box_;
  QWidget* sliders_box_;
  std::vector<std::pair<QString, QSlider*>> sliders_;
  std::vector<QLabel*> labels_;
  QLabel* ahp_note_;
  QTimer debounce_;
  bool updating_ = false;
};

}  // namespace zanplan::app
