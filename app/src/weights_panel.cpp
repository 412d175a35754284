#include "weights_panel.hpp"

#include <QDir>
#include <QFormLayout>
#include <QLocale>
#include <QVBoxLayout>
#include <cmath>

#include "locale_numbers.hpp"
#include "zanplan/error.hpp"
#include "zanplan/labels.hpp"

namespace zanplan::app {

namespace {

// What a weighted item measures, in planners' words; the id stays in the tooltip.
QString item_title(const std::string& id) {
  if (id == "power_distance_km") return QObject::tr("Power: distance to a connectable substation");
  if (id == "motorway_distance_km") return QObject::tr("Motorway access");
  if (id == "rail_distance_km") return QObject::tr("Freight rail point");
  if (id == "port_distance_km") return QObject::tr("Port");
  if (id == "logistics") return QObject::tr("Logistics: motorway, rail, port");
  if (id == "enaf_ha") return QObject::tr("ENAF land taken (ha)");
  if (id == "envelope_share") return QObject::tr("Share of the commune's ZAN envelope");
  return QString::fromStdString(id);
}

constexpr int kSliderSteps = 1000;  // a slider's range: weight × 1000
constexpr int kDebounceMs = 250;
}  // namespace

WeightsPanel::WeightsPanel(std::filesystem::path data_dir, QWidget* parent)
    : QWidget(parent),
      data_dir_(std::move(data_dir)),
      profile_box_(new QComboBox(this)),
      method_box_(new QComboBox(this)),
      pene_box_(new QCheckBox(tr("PENE project (charged to the national forfait)"), this)),
      sliders_box_(new QWidget(this)),
      ahp_note_(new QLabel(this)) {
  auto* layout = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  form->addRow(tr("Profile"), profile_box_);
  form->addRow(tr("Method"), method_box_);
  layout->addLayout(form);
  layout->addWidget(pene_box_);
  layout->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(tr("Weights")), this));
  layout->addWidget(sliders_box_);
  ahp_note_->setWordWrap(true);
  layout->addWidget(ahp_note_);
  layout->addStretch(1);
  new QVBoxLayout(sliders_box_);

  const QDir profiles(QString::fromStdString((data_dir_ / "profiles").string()));
  for (const auto& file : profiles.entryList({QStringLiteral("*.toml")}, QDir::Files, QDir::Name)) {
    profile_box_->addItem(file.chopped(5));
  }
  method_box_->addItem(tr("Weighted sum"), QStringLiteral("weighted-sum"));
  method_box_->addItem(tr("TOPSIS"), QStringLiteral("topsis"));

  debounce_.setSingleShot(true);
  debounce_.setInterval(kDebounceMs);
  connect(&debounce_, &QTimer::timeout, this, &WeightsPanel::request_changed);
  connect(profile_box_, &QComboBox::currentTextChanged, this, [this](const QString& name) {
    if (updating_) return;
    QString error;
    if (!set_profile(name, &error)) emit profile_failed(error);
  });
  connect(method_box_, &QComboBox::currentIndexChanged, this, [this] { schedule(); });
  connect(pene_box_, &QCheckBox::toggled, this, [this] { schedule(); });
}

bool WeightsPanel::set_profile(const QString& name, QString* error) {
  try {
    profile_ = scoring::load_profile(scoring::profile_path(data_dir_, name.toStdString()));
  } catch (const Error& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
  updating_ = true;
  profile_box_->setCurrentText(name);
  method_box_->setCurrentIndex(profile_.aggregation == scoring::Aggregation::topsis ? 1 : 0);
  pene_box_->setEnabled(profile_.pene_eligible);
  pene_box_->setChecked(profile_.pene_eligible && profile_.pene_by_default);
  updating_ = false;
  rebuild_sliders();
  ahp_note_->setText(profile_.ahp ? tr("Weights derived from the profile's AHP matrix (consistency ratio %1).")
                                        .arg(format_number(profile_.ahp->consistency_ratio, 3))
                                  : QString());
  schedule();
  return true;
}

void WeightsPanel::rebuild_sliders() {
  auto* layout = sliders_box_->layout();
  while (auto* item = layout->takeAt(0)) {
    delete item->widget();
    delete item;
  }
  sliders_.clear();
  labels_.clear();
  for (const auto& item : profile_.weights) {
    const QString id = QString::fromStdString(item.id);
    auto* row = new QWidget(sliders_box_);
    auto* row_layout = new QVBoxLayout(row);
    row_layout->setContentsMargins(0, 2, 0, 2);
    auto* label = new QLabel(row);
    auto* slider = new QSlider(Qt::Horizontal, row);
    slider->setObjectName(id);
    slider->setRange(0, kSliderSteps);
    slider->setValue(static_cast<int>(std::lround(item.weight * kSliderSteps)));
    row_layout->addWidget(label);
    row_layout->addWidget(slider);
    layout->addWidget(row);
    connect(slider, &QSlider::valueChanged, this, [this, id](int value) { on_slider(id, value); });
    sliders_.emplace_back(id, slider);
    labels_.push_back(label);
  }
  update_labels();
}

void WeightsPanel::on_slider(const QString& id, int value) {
  if (updating_) return;
  set_weight(id, static_cast<double>(value) / kSliderSteps);
}

void WeightsPanel::set_weight(const QString& id, double weight) {
  try {
    scoring::apply_weight_overrides(profile_, {id.toStdString() + "=" + std::to_string(std::clamp(weight, 0.0, 1.0))});
  } catch (const Error& e) {
    emit profile_failed(QString::fromUtf8(e.what()));
    return;
  }
  show_weights_and_rescore();
}

double WeightsPanel::weight(const QString& id) const {
  for (const auto& item : profile_.weights) {
    if (QString::fromStdString(item.id) == id) return item.weight;
  }
  return NAN;
}

bool WeightsPanel::set_weights(const std::map<std::string, double>& weights, QString* error) {
  std::vector<double> values;
  for (const auto& item : profile_.weights) {
    const auto it = weights.find(item.id);
    if (it == weights.end()) {
      if (error) *error = tr("no weight for %1 in profile %2").arg(QString::fromStdString(item.id), QString::fromStdString(profile_.name));
      return false;
    }
    values.push_back(it->second);
  }
  if (weights.size() != profile_.weights.size()) {
    if (error) *error = tr("weights for criteria that profile %1 does not weigh").arg(QString::fromStdString(profile_.name));
    return false;
  }
  for (std::size_t i = 0; i < values.size(); ++i) profile_.weights[i].weight = values[i];
  profile_.weights_overridden = true;
  show_weights_and_rescore();
  return true;
}

QString WeightsPanel::method() const { return method_box_->currentData().toString(); }

void WeightsPanel::set_method(const QString& method) {
  const int index = method_box_->findData(method);
  if (index >= 0) method_box_->setCurrentIndex(index);
}

void WeightsPanel::set_pene(bool pene) { pene_box_->setChecked(pene && pene_box_->isEnabled()); }

QSlider* WeightsPanel::slider(const QString& id) const {
  for (const auto& [name, s] : sliders_) {
    if (name == id) return s;
  }
  return nullptr;
}

// Moves the sliders to the profile's weights without each move re-scoring, then re-scores once.
void WeightsPanel::show_weights_and_rescore() {
  updating_ = true;
  for (std::size_t i = 0; i < sliders_.size(); ++i) {
    sliders_[i].second->setValue(static_cast<int>(std::lround(profile_.weights[i].weight * kSliderSteps)));
  }
  updating_ = false;
  update_labels();
  schedule();
}

void WeightsPanel::update_labels() {
  // A criterion of the profile's own is titled by what it measures, in the interface's language.
  const Lang lang = QLocale().language() == QLocale::French ? Lang::fr : Lang::en;
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    const auto& item = profile_.weights[i];
    const QString title = item.user ? QString::fromStdString(layer_measure_label(profile_.user_criteria[*item.user].query, lang))
                                    : item_title(item.id);
    labels_[i]->setText(QStringLiteral("%1  <b>%2</b>").arg(title, format_percent(item.weight, 1)));
    labels_[i]->setToolTip(QString::fromStdString(profile_.weights[i].id));
  }
}

void WeightsPanel::schedule() { debounce_.start(); }

ScoreRequest WeightsPanel::request() const {
  ScoreRequest r;
  r.profile = profile_;
  r.aggregation = method_box_->currentData().toString() == QStringLiteral("topsis") ? scoring::Aggregation::topsis
                                                                                    : scoring::Aggregation::weighted_sum;
  r.pene = pene_box_->isEnabled() && pene_box_->isChecked();
  return r;
}

}  // namespace zanplan::app
