#include "zanplan/maps/dossier.hpp"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <algorithm>
#include <cmath>
#include <optional>

#include "dossier/dossier_maps.hpp"
#include "dossier/pdf_document.hpp"
#include "zanplan/error.hpp"
#include "zanplan/explain.hpp"
#include "zanplan/export.hpp"
#include "zanplan/labels.hpp"
#include "zanplan/site_impact.hpp"
#include "zanplan/workspace.hpp"

namespace zanplan::maps {

namespace {

using dossier::PdfDocument;
using dossier::TableColumn;

QString q(std::string_view text) { return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())); }
QString q(const std::string& text) { return QString::fromStdString(text); }

// Why the site is not ranked, in the dossier's language; empty when it is ranked.
std::string exclusion_text(const scoring::RankedCandidate& r, Lang l) {
  return r.exclusion ? exclusion_label(*r.exclusion, l) : std::string();
}

// Everything the pages show, gathered before any page is drawn.
struct DossierFacts {
  const AssessedSite* site = nullptr;
  const Assessment* assessment = nullptr;
  const scoring::Profile* profile = nullptr;
  const AssessmentOptions* options = nullptr;
  SiteLedgerImpact impact;
  WorkspaceSummary summary;
  dossier::DossierMaps maps;
  Lang lang = Lang::en;
};

QString ha(double v, Lang lang) { return q(format_quantity(v, 2, "ha", lang)); }
QString num(double v, int decimals, Lang lang) { return q(format_number(v, decimals, lang)); }

QString commune_name(const DossierFacts& d, const std::string& code) {
  const LedgerRow* row = d.impact.before.find(Level::commune, code);
  return row != nullptr ? q(row->name) : QString();
}

void summary_page(PdfDocument& doc, const DossierFacts& d) {
  const Lang l = d.lang;
  const auto& s = *d.site;
  QString subtitle = q(pick(l, "%1 (%2) · profile %3 · regime %4", "%1 (%2) · profil %3 · régime %4"))
                         .arg(q(s.commune_name), q(s.facts.commune), q(d.profile->name), q(d.options->regime.id));
  if (!d.assessment->scenario.empty()) subtitle += q(pick(l, " · scenario ", " · scénario ")) + q(d.assessment->scenario);
  if (d.assessment->pene) subtitle += q(pick(l, " · PENE assumed", " · PENE supposé"));
  doc.title(q(pick(l, "Site dossier — ", "Dossier du site — ")) + q(s.facts.id), subtitle);
  const auto& r = s.ranking;
  QString line = r.rank ? q(pick(l, "Rank %1 of %2, score %3. ", "Rang %1 sur %2, note %3. "))
                              .arg(*r.rank)
                              .arg(d.assessment->ranked)
                              .arg(num(r.score, 4, l))
                        : q(pick(l, "Not ranked: %1. ", "Non classé : %1. ")).arg(q(exclusion_text(r, l)));
  line += q(pick(l, "%1, of which ENAF %2. ZAN: charged to %3.", "%1, dont ENAF %2. ZAN : décompté sur %3."))
              .arg(ha(s.facts.area_ha, l), ha(s.facts.enaf_ha, l), q(s.zan.charged_to));
  doc.paragraph(line, true);
  doc.image(d.maps.location,
            q(pick(l, "Location of the site (ring) in the region. Communes coloured by what remains of their 2021–2030 ZAN "
                      "envelope (dark blue: most left, red: none); squares and numbers: the profile's top sites.",
                   "Localisation du site (cercle) dans la région. Communes colorées selon ce qui reste de leur enveloppe "
                   "ZAN 2021–2030 (bleu foncé : le plus, rouge : rien) ; carrés et numéros : les meilleurs sites du profil.")),
            0.62);
  doc.heading(q(pick(l, "At a glance", "En bref")));
  const auto& f = s.facts;
  std::vector<QStringList> rows;
  rows.push_back({q(pick(l, "Rank and score", "Rang et note")),
                  r.rank ? QStringLiteral("%1 / %2 — %3").arg(*r.rank).arg(d.assessment->ranked).arg(num(r.score, 4, l)) : q(exclusion_text(r, l))});
  if (r.stability) rows.push_back({q(pick(l, "Stability in the top %1", "Stabilité dans les %1 premiers")).arg(d.assessment->top_k), q(format_percent(*r.stability, 0, l))});
  rows.push_back({q(pick(l, "Pareto-optimal", "Pareto-optimal")), q(r.pareto ? pick(l, "yes", "oui") : pick(l, "no", "non"))});
  rows.push_back({q(pick(l, "Area / ENAF", "Surface / ENAF")), ha(f.area_ha, l) + " / " + ha(f.enaf_ha, l)});
  rows.push_back({q(pick(l, "Envelope that pays", "Enveloppe qui paie")), q(s.zan.charged_to)});
  rows.push_back({q(pick(l, "Share of what remains", "Part du reste")), q(format_percent(s.zan.share, 1, l))});
  rows.push_back({q(pick(l, "Nearest connectable substation", "Poste raccordable le plus proche")),
                  q(f.substation.name) + " — " + q(format_quantity(f.substation.distance_km, 2, "km", l))});
  doc.table({{q(pick(l, "Item", "Élément")), 2}, {q(pick(l, "Value", "Valeur")), 3}}, rows);
}

void facts_page(PdfDocument& doc, const DossierFacts& d) {
  const Lang l = d.lang;
  const auto& f = d.site->facts;
  doc.new_page();
  doc.heading(q(pick(l, "The site and what it is measured to", "Le site et ses accès mesurés")));
  doc.image(d.maps.closeup,
            q(pick(l, "The site (outlined) with its parcels by land class, and dashed lines to the nearest connectable "
                      "substation, motorway access, freight rail point and port (straight-line distances from the site's edge; "
                      "an arrow: further than the map shows).",
                   "Le site (contour) et ses parcelles par occupation du sol, et en tirets le poste raccordable, "
                   "l'échangeur, la gare fret et le port les plus proches (distances à vol d'oiseau depuis la limite "
                   "du site ; une flèche : au-delà de la carte).")),
            0.44);
  doc.heading(q(pick(l, "Facts", "Caractéristiques")));
  std::vector<QStringList> rows;
  rows.push_back({q(pick(l, "Area", "Surface")), ha(f.area_ha, l)});
  if (f.land_class == "assembled") {
    rows.push_back({q(pick(l, "Parcels", "Parcelles")), QString::number(f.parcel_count)});
    rows.push_back({q(pick(l, "ENAF (natural, agricultural, forest land)", "ENAF (espaces naturels, agricoles et forestiers)")),
                    ha(f.enaf_ha, l)});
    rows.push_back({q(pick(l, "Brownfield", "Friche")), ha(f.brownfield_ha, l)});
    rows.push_back({q(pick(l, "Economic land", "Foncier économique")), ha(f.economic_ha, l)});
    rows.push_back({q(pick(l, "Compactness (Polsby–Popper)", "Compacité (Polsby–Popper)")), num(f.compactness, 2, l)});
  } else {
    rows.push_back({q(pick(l, "Land class", "Occupation du sol")), q(land_class_label(f.land_class, l))});
    rows.push_back({q(pick(l, "ENAF (natural, agricultural, forest land)", "ENAF (espaces naturels, agricoles et forestiers)")),
                    ha(f.enaf_ha, l)});
  }
  rows.push_back({q(pick(l, "Centroid (Lambert-93)", "Centroïde (Lambert-93)")),
                  q(format_number(f.centroid_x, 0, Lang::en)) + ", " + q(format_number(f.centroid_y, 0, Lang::en))});
  rows.push_back({q(pick(l, "Synthetic parcels", "Parcelles synthétiques")), q(f.synthetic ? pick(l, "yes", "oui") : pick(l, "no", "non"))});
  doc.table({{q(pick(l, "Fact", "Donnée")), 2}, {q(pick(l, "Value", "Valeur")), 2, true}}, rows);

  doc.heading(q(pick(l, "Communes spanned", "Communes concernées")));
  rows.clear();
  std::vector<SiteCommune> parts = f.communes;
  if (parts.empty()) parts.push_back({f.commune, f.area_ha, f.enaf_ha});
  for (const auto& c : parts) {
    rows.push_back({q(c.commune), commune_name(d, c.commune), ha(c.area_ha, l),
                    q(format_percent(f.area_ha > 0 ? c.area_ha / f.area_ha : 0.0, 1, l)), ha(c.enaf_ha, l)});
  }
  doc.table({{"INSEE", 1},
             {q(pick(l, "Commune", "Commune")), 2.5},
             {q(pick(l, "Area", "Surface")), 1.4, true},
             {q(pick(l, "Share of the site", "Part du site")), 1.4, true},
             {"ENAF", 1.4, true}},
            rows);

  doc.heading(q(pick(l, "Infrastructure", "Infrastructures")));
  rows.clear();
  const auto row = [&](std::string_view what, const NearestFeature& n, const QString& extra) {
    rows.push_back({q(what), q(n.name), q(n.code) + extra, q(format_quantity(n.distance_km, 2, "km", l))});
  };
  row(pick(l, "Connectable substation", "Poste électrique raccordable"), f.substation,
      f.substation.voltage_kv > 0 ? QStringLiteral(" (%1 kV)").arg(f.substation.voltage_kv) : QString());
  row(pick(l, "Motorway access", "Échangeur autoroutier"), f.motorway, {});
  row(pick(l, "Freight rail point", "Gare fret"), f.rail, {});
  row(pick(l, "Port", "Port"), f.port, {});
  if (std::isfinite(d.site->ranking.connection_cost_eur)) {
    // A row of the table rather than a line after it: a lone line never starts a page.
    rows.push_back({q(pick(l, "Estimated grid connection cost", "Coût estimé du raccordement")),
                    q(pick(l, "the profile's €/km and bay assumptions", "hypothèses €/km et cellule du profil")), QString(),
                    q(format_quantity(d.site->ranking.connection_cost_eur / 1e6, 1, "M€", l))});
  }
  doc.table({{q(pick(l, "Nearest", "Le plus proche")), 2},
             {q(pick(l, "Name", "Nom")), 2.2},
             {"Code", 1.4},
             {q(pick(l, "Distance / cost", "Distance / coût")), 1.3, true}},
            rows);
}

void scoring_page(PdfDocument& doc, const DossierFacts& d) {
  const Lang l = d.lang;
  const auto& s = *d.site;
  const auto& r = s.ranking;
  if (doc.room_left() < 0.5) doc.new_page();  // the criteria and weights stay together
  doc.heading(q(pick(l, "Criteria", "Critères")));
  std::vector<QStringList> rows;
  for (const auto& spec : d.profile->criteria) {
    const double raw = criterion_raw_value(s, spec.id);
    const double sub = r.criterion_scores[scoring::index_of(spec.id)];
    rows.push_back({q(criterion_label(spec.id, l)) + "\n" + q(scoring::criterion_name(spec.id)),
                    std::isinf(raw) ? q(pick(l, "none found", "aucun")) : num(raw, 3, l),
                    q(describe_value_function(spec.value, l)), num(std::isnan(sub) ? 0.0 : sub, 3, l)});
  }
  for (std::size_t i = 0; i < d.profile->user_criteria.size(); ++i) {
    const auto& u = d.profile->user_criteria[i];
    const double raw = i < s.facts.layer_measures.size() ? s.facts.layer_measures[i] : NAN;
    const double sub = i < r.user_scores.size() ? r.user_scores[i] : NAN;
    rows.push_back({q(layer_measure_label(u.query, l)) + "\n" + q(u.id),
                    std::isinf(raw) ? q(pick(l, "none found", "aucun")) : num(raw, 3, l),
                    q(describe_value_function(u.value, l)), num(std::isnan(sub) ? 0.0 : sub, 3, l)});
  }
  doc.table({{q(pick(l, "Criterion", "Critère")), 3},
             {q(pick(l, "Raw value", "Valeur brute")), 1.3, true},
             {q(pick(l, "Value function", "Fonction de valeur")), 3},
             {q(pick(l, "Sub-score", "Sous-note")), 1.1, true}},
            rows);
  doc.heading(q(pick(l, "Weights and contributions", "Poids et contributions")));
  rows.clear();
  double total = 0;
  for (std::size_t i = 0; i < d.profile->weights.size(); ++i) {
    const auto& w = d.profile->weights[i];
    const double sub = i < r.sub_scores.size() ? r.sub_scores[i] : NAN;
    const double part = w.weight * sub;
    if (std::isfinite(part)) total += part;
    const std::string label = w.user ? layer_measure_label(d.profile->user_criteria[*w.user].query, l) : weighted_item_label(w.id, l);
    rows.push_back({q(label) + "\n" + q(w.id), num(w.weight, 3, l), num(sub, 3, l), num(part, 3, l)});
  }
  doc.table({{q(pick(l, "Weighted item", "Terme pondéré")), 3.4},
             {q(pick(l, "Weight", "Poids")), 1, true},
             {q(pick(l, "Sub-score", "Sous-note")), 1, true},
             {q(pick(l, "Contribution", "Contribution")), 1.2, true}},
            rows);
  doc.heading(q(pick(l, "Score, rank, stability, Pareto", "Note, rang, stabilité, Pareto")));
  if (!r.rank) {
    doc.paragraph(q(pick(l, "Excluded: %1", "Exclu : %1")).arg(q(exclusion_text(r, l))), true);
    return;
  }
  const bool topsis = std::abs(total - r.score) > 1e-9;
  doc.paragraph(q(pick(l, "Score %1 — %2", "Note %1 — %2"))
                    .arg(num(r.score, 4, l),
                         topsis ? q(pick(l, "the TOPSIS closeness to the ideal site (the weighted sum is %1).",
                                         "la proximité TOPSIS au site idéal (la somme pondérée vaut %1)."))
                                      .arg(num(total, 4, l))
                                : q(pick(l, "the sum of the contributions above.", "la somme des contributions ci-dessus."))));
  doc.paragraph(q(pick(l, "Rank %1 of %2 — its place among the %2 sites the profile ranks (excluded sites are not ranked).",
                       "Rang %1 sur %2 — sa place parmi les %2 sites que le profil classe (les sites exclus ne sont pas classés)."))
                    .arg(*r.rank)
                    .arg(d.assessment->ranked));
  if (r.stability) {
    doc.paragraph(q(pick(l, "Stability %1 — the share of random perturbations of the weights in which it stays in the top %2.",
                         "Stabilité %1 — la part des perturbations aléatoires des poids où il reste dans les %2 premiers."))
                      .arg(q(format_percent(*r.stability, 0, l)))
                      .arg(d.assessment->top_k));
  } else {
    doc.paragraph(q(pick(l, "Stability — not computed: only the top %1 sites are tested under perturbed weights.",
                         "Stabilité — non calculée : seuls les %1 premiers sites sont testés sous poids perturbés."))
                      .arg(d.assessment->top_k));
  }
  doc.paragraph(r.pareto ? q(pick(l, "Pareto-optimal — no other site is better on ZAN cost, power and logistics all at once.",
                                  "Pareto-optimal — aucun autre site n'est meilleur à la fois en coût ZAN, électricité et logistique."))
                         : q(pick(l, "Not Pareto-optimal — another site is at least as good on ZAN cost, power and logistics, "
                                     "and better on one of them.",
                                  "Non Pareto-optimal — un autre site est au moins aussi bon en coût ZAN, électricité et "
                                  "logistique, et meilleur sur l'un d'eux.")));
}

void zan_page(PdfDocument& doc, const DossierFacts& d) {
  const Lang l = d.lang;
  const auto& zan = d.site->zan;
  if (doc.room_left() < 0.45) doc.new_page();
  doc.heading(q(pick(l, "ZAN impact", "Impact ZAN")));
  QString text = q(pick(l, "Envelope that pays: %1 (%2). Regime: %3 (%4)", "Enveloppe qui paie : %1 (%2). Régime : %3 (%4)"))
                     .arg(q(zan.charged_to), q(charge_route_label(zan.detail.route, l)), q(d.options->regime.id),
                          q(d.options->regime.name));
  text += d.assessment->scenario.empty() ? q(pick(l, ", no scenario", ", sans scénario"))
                                         : q(pick(l, ", scenario %1", ", scénario %1")).arg(q(d.assessment->scenario));
  text += q(pick(l, "; charge level: %1. Binding share: %2 of what remains.", " ; niveau de décompte : %1. Part déterminante : %2 du reste."))
              .arg(q(charge_level_label(d.impact.before.charge_level, l)), q(format_percent(zan.share, 1, l)));
  doc.paragraph(text);
  std::vector<QStringList> rows;
  for (const auto& i : d.impact.levels) {
    rows.push_back({q(level_label(i.level, l)) + (i.charged ? q(pick(l, "\n(pays)", "\n(paie)")) : QString()),
                    q(i.code) + " " + q(i.name), ha(i.envelope_ha, l), ha(i.remaining_before_ha, l), ha(i.site_enaf_ha, l),
                    ha(i.remaining_after_ha, l),
                    q(budget_status_label(i.status_before, l)) + " → " + q(budget_status_label(i.status_after, l))});
  }
  doc.table({{q(pick(l, "Level", "Niveau")), 1.3},
             {q(pick(l, "Territory", "Territoire")), 2.3},
             {q(pick(l, "Envelope 2021–2030", "Enveloppe 2021–2030")), 1.5, true},
             {q(pick(l, "Remaining before", "Reste avant")), 1.4, true},
             {q(pick(l, "This site (ENAF)", "Ce site (ENAF)")), 1.3, true},
             {q(pick(l, "Remaining after", "Reste après")), 1.4, true},
             {q(pick(l, "Status", "Statut")), 2.2}},
            rows);
  doc.paragraph(q(pick(l, "Before: the ledger under this regime and scenario; after: the same ledger with the site's ENAF "
                          "hectares added as projects of its communes. Every level holds the site's hectares; the envelope "
                          "at the charge level is the one the regime makes pay.",
                       "Avant : le registre sous ce régime et ce scénario ; après : le même registre avec les hectares ENAF "
                       "du site ajoutés comme projets de ses communes. Chaque niveau porte les hectares du site ; "
                       "l'enveloppe du niveau de décompte est celle que le régime fait payer.")));
}

void sources_page(PdfDocument& doc, const DossierFacts& d) {
  const Lang l = d.lang;
  if (doc.room_left() < 0.3) doc.new_page();
  doc.heading(q(pick(l, "Data sources", "Sources des données")));
  std::vector<QStringList> rows;
  for (const auto& layer : d.summary.layers) {
    if (layer.provenance.empty()) continue;
    const QString provenance = layer.provenance == "synthetic" ? q(pick(l, "SYNTHETIC", "SYNTHÉTIQUE"))
                               : layer.provenance == "real"    ? q(pick(l, "real", "réelle"))
                               : layer.provenance == "derived" ? q(pick(l, "derived", "dérivée"))
                                                               : q(layer.provenance);
    rows.push_back({q(layer.name), provenance, q(layer.source.empty() ? layer.source_file : layer.source), q(layer.licence),
                    q(layer.imported_at.substr(0, 10))});
  }
  doc.table({{q(pick(l, "Layer", "Couche")), 2.2},
             {q(pick(l, "Provenance", "Provenance")), 1.1},
             {q(pick(l, "Source", "Source")), 2.8},
             {q(pick(l, "Licence", "Licence")), 1.3},
             {q(pick(l, "Imported", "Importé le")), 1.1}},
            rows);
  const auto created = d.summary.meta.find("created_at");
  doc.paragraph(q(pick(l, "Workspace %1, created %2. Profile %3, hash %4.", "Espace de travail %1, créé le %2. Profil %3, empreinte %4."))
                    .arg(q(d.options->workspace.filename().string()),
                         q(created != d.summary.meta.end() ? created->second : std::string("?")), q(d.profile->name),
                         q(d.assessment->profile_hash)));
}

QString today() { return QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate); }

}  // namespace

QByteArray site_dossier_pdf(const DossierRequest& request) {
  std::optional<Assessment> own;
  if (request.assessment == nullptr) own = assess_sites(request.options);
  const Assessment& assessment = request.assessment != nullptr ? *request.assessment : *own;
  const auto it = std::find_if(assessment.sites.begin(), assessment.sites.end(),
                               [&](const AssessedSite& s) { return s.facts.id == request.site_id; });
  if (it == assessment.sites.end()) {
    throw_usage("no candidate '" + request.site_id + "' of profile '" + request.options.profile.name +
                    "' in its area range (`zanplan explain` shows any site's facts)",
                {.file = request.options.workspace.string(), .key = "SITE_ID"});
  }
  DossierFacts d;
  d.site = &*it;
  d.assessment = &assessment;
  d.profile = &request.options.profile;
  d.options = &request.options;
  d.lang = request.lang;
  d.impact = site_ledger_impact(request.options, *it);
  d.summary = summarize_workspace(request.options.workspace);
  d.maps = dossier::draw_dossier_maps(request.options.workspace, request.options.profile, assessment, d.impact.before, *it,
                                      request.lang);

  const Lang l = request.lang;
  dossier::PageFrame frame;
  frame.page_word = q(pick(l, "page", "page"));
  frame.footer_left = q(pick(l, "zanplan · profile %1 · hash %2", "zanplan · profil %1 · empreinte %2"))
                          .arg(q(request.options.profile.name), q(assessment.profile_hash));
  frame.footer_right = request.date.empty() ? today() : q(request.date);
  if (!assessment.synthetic_layers.empty()) {
    QStringList layers;
    for (const auto& layer : assessment.synthetic_layers) layers << q(layer);
    frame.banner = q(pick(l, "SYNTHETIC inputs — not real data: %1", "Données SYNTHÉTIQUES — pas des données réelles : %1"))
                       .arg(layers.join(QStringLiteral(", ")));
  }
  const QString title = q(pick(l, "Site dossier ", "Dossier du site ")) + q(request.site_id);
  return dossier::render_pdf(frame, title, [&](PdfDocument& doc) {
    summary_page(doc, d);
    facts_page(doc, d);
    scoring_page(doc, d);
    zan_page(doc, d);
    sources_page(doc, d);
  });
}

void write_site_dossier(const DossierRequest& request, const std::filesystem::path& pdf) {
  const QByteArray bytes = site_dossier_pdf(request);
  write_text_output(std::string(bytes.constData(), static_cast<std::size_t>(bytes.size())), pdf);
}

}  // namespace zanplan::maps
