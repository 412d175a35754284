<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>FeatureDetails</name>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <source>User layer “%1”, feature %2</source>
        <translation>Couche utilisateur « %1 », entité %2</translation>
    </message>
    <message>
        <source>This feature has no attributes.</source>
        <translation>Cette entité n’a pas d’attributs.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <source>EPCI</source>
        <translation>EPCI</translation>
    </message>
    <message>
        <source>SCoT</source>
        <translation>SCoT</translation>
    </message>
    <message>
        <source>Département</source>
        <translation>Département</translation>
    </message>
    <message>
        <source>Région</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>Power: distance to a connectable substation</source>
        <translation>Électricité : distance à un poste électrique raccordable</translation>
    </message>
    <message>
        <source>Motorway access</source>
        <translation>Accès autoroutier</translation>
    </message>
    <message>
        <source>Freight rail point</source>
        <translation>Point ferroviaire fret</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Logistics: motorway, rail, port</source>
        <translation>Logistique : autoroute, fer, port</translation>
    </message>
    <message>
        <source>ENAF land taken (ha)</source>
        <translation>Consommation d&apos;ENAF (ha)</translation>
    </message>
    <message>
        <source>Share of the commune&apos;s ZAN envelope</source>
        <translation>Part de l&apos;enveloppe ZAN de la commune</translation>
    </message>
    <message>
        <source>within</source>
        <translation>respectée</translation>
    </message>
    <message>
        <source>tight</source>
        <translation>tendue</translation>
    </message>
    <message>
        <source>over</source>
        <translation>dépassée</translation>
    </message>
    <message>
        <source>Site %1 — %2</source>
        <translation>Site %1 — %2</translation>
    </message>
</context>
<context>
    <name>RegionLayers</name>
    <message>
        <source>excluded</source>
        <translation>exclu</translation>
    </message>
    <message>
        <source>Main towns</source>
        <translation>Villes principales</translation>
    </message>
    <message>
        <source>artificialised</source>
        <translation>artificialisé</translation>
    </message>
    <message>
        <source>ENAF</source>
        <translation>ENAF</translation>
    </message>
    <message>
        <source>brownfield</source>
        <translation>friche</translation>
    </message>
    <message>
        <source>land class</source>
        <translation>occupation</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>Parcelles</translation>
    </message>
    <message>
        <source>score</source>
        <translation>score</translation>
    </message>
    <message>
        <source>Candidate sites</source>
        <translation>Sites candidats</translation>
    </message>
    <message>
        <source>Communes</source>
        <translation>Communes</translation>
    </message>
    <message>
        <source>Logistics areas</source>
        <translation>Zones logistiques</translation>
    </message>
    <message>
        <source>Business parks</source>
        <translation>Parcs d&apos;activités</translation>
    </message>
    <message>
        <source>Motorways</source>
        <translation>Autoroutes</translation>
    </message>
    <message>
        <source>Brownfields</source>
        <translation>Friches</translation>
    </message>
    <message>
        <source>Freight rail points</source>
        <translation>Points ferroviaires fret</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>Ports</translation>
    </message>
    <message>
        <source>≤ 90 kV</source>
        <translation>≤ 90 kV</translation>
    </message>
    <message>
        <source>150–225 kV</source>
        <translation>150–225 kV</translation>
    </message>
    <message>
        <source>400 kV</source>
        <translation>400 kV</translation>
    </message>
    <message>
        <source>voltage</source>
        <translation>tension</translation>
    </message>
    <message>
        <source>Connectable substations</source>
        <translation>Postes raccordables</translation>
    </message>
    <message>
        <source>over (&lt; 0 %)</source>
        <translation>dépassée (&lt; 0 %)</translation>
    </message>
    <message>
        <source>tight (0–10 %)</source>
        <translation>tendue (0–10 %)</translation>
    </message>
    <message>
        <source>10–25 %</source>
        <translation>10–25 %</translation>
    </message>
    <message>
        <source>25–50 %</source>
        <translation>25–50 %</translation>
    </message>
    <message>
        <source>50–75 %</source>
        <translation>50–75 %</translation>
    </message>
    <message>
        <source>≥ 75 %</source>
        <translation>≥ 75 %</translation>
    </message>
    <message>
        <source>ZAN envelope 2021–2030 left</source>
        <translation>Enveloppe ZAN 2021–2030 restante</translation>
    </message>
    <message>
        <source>Top %1 sites (rank)</source>
        <translation>%1 meilleurs sites (rang)</translation>
    </message>
    <message>
        <source>Candidate sites (region overview)</source>
        <translation>Sites candidats (vue régionale)</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>no scenario</source>
        <translation>sans scénario</translation>
    </message>
    <message>
        <source>scenario %1</source>
        <translation>scénario %1</translation>
    </message>
    <message>
        <source>SYNTHETIC</source>
        <translation>SYNTHÉTIQUE</translation>
    </message>
    <message>
        <source>ZAN envelope 2021–2030 left, by commune</source>
        <translation>Enveloppe ZAN 2021–2030 restante, par commune</translation>
    </message>
    <message>
        <source>Candidate sites for the “%1” profile, by score</source>
        <translation>Sites candidats pour le profil « %1 », par score</translation>
    </message>
    <message>
        <source>ZAN regime %1, %2</source>
        <translation>Régime ZAN %1, %2</translation>
    </message>
    <message>
        <source>%1 · %L2 sites ranked of %L3 candidates, the top %4 numbered</source>
        <translation>%1 · %L2 sites classés sur %L3 candidats, les %4 premiers numérotés</translation>
    </message>
    <message>
        <source>ZAN targets</source>
        <translation>Objectifs ZAN</translation>
    </message>
    <message>
        <source>ENAF consumption</source>
        <translation>Consommation d’ENAF</translation>
    </message>
    <message>
        <source>Basemap: %1</source>
        <translation>Fond de carte : %1</translation>
    </message>
    <message>
        <source>Sources: %1</source>
        <translation>Sources : %1</translation>
    </message>
    <message>
        <source>a %1 source</source>
        <translation>une source %1</translation>
    </message>
    <message>
        <source>%1: user layer, from %2</source>
        <translation>%1 : couche utilisateur, d’après %2</translation>
    </message>
</context>
<context>
    <name>ViewExport</name>
    <message>
        <source>workspace %1</source>
        <translation>espace de travail %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d’écrire %1 : %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Sites for gigafactories and datacenters, and ZAN budgets, on a map</source>
        <translation>Sites pour gigafactories et centres de données, et budgets ZAN, sur une carte</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Nom du profil</translation>
    </message>
    <message>
        <source>Legal regime name</source>
        <translation>Nom du régime juridique</translation>
    </message>
    <message>
        <source>Folder with profiles/ and regimes/</source>
        <translation>Dossier contenant profiles/ et regimes/</translation>
    </message>
    <message>
        <source>Do not fetch basemap tiles</source>
        <translation>Ne pas télécharger les tuiles du fond de carte</translation>
    </message>
    <message>
        <source>XYZ tile URL template</source>
        <translation>Modèle d&apos;URL des tuiles XYZ</translation>
    </message>
    <message>
        <source>Offline basemap MBTiles file</source>
        <translation>Fichier MBTiles du fond de carte hors ligne</translation>
    </message>
    <message>
        <source>Save the window as PNG once the sites are scored, then quit</source>
        <translation>Enregistrer la fenêtre en PNG une fois les sites évalués, puis quitter</translation>
    </message>
    <message>
        <source>Site to select once scored</source>
        <translation>Site à sélectionner une fois l&apos;évaluation terminée</translation>
    </message>
    <message>
        <source>Analysis tab to show: weights, details or budget</source>
        <translation>Onglet d’analyse à afficher : weights, details ou budget</translation>
    </message>
    <message>
        <source>Attribution of the basemap source</source>
        <translation>Attribution de la source du fond de carte</translation>
    </message>
    <message>
        <source>Workspace GeoPackage (default: the demo workspace), or a session file (.zanplan)</source>
        <translation>GeoPackage de l&apos;espace de travail (par défaut : l&apos;espace de travail de démonstration), ou un fichier de session (.zanplan)</translation>
    </message>
    <message>
        <source>Ledger scenario the envelopes come from</source>
        <translation>Scénario du registre d&apos;où viennent les enveloppes</translation>
    </message>
    <message>
        <source>Text typed in the search field before the screenshot</source>
        <translation>Texte saisi dans le champ de recherche avant la capture</translation>
    </message>
    <message>
        <source>User layer feature to show before the screenshot, as LAYER:FID</source>
        <translation>Entité d’une couche utilisateur à afficher avant la capture, sous la forme COUCHE:FID</translation>
    </message>
</context>
<context>
    <name>zanplan::app::BudgetPanel</name>
    <message>
        <source>Territory</source>
        <translation>Territoire</translation>
    </message>
    <message>
        <source>Envelope ha</source>
        <translation>Enveloppe ha</translation>
    </message>
    <message>
        <source>Consumed ha</source>
        <translation>Consommé ha</translation>
    </message>
    <message>
        <source>Committed ha</source>
        <translation>Engagé ha</translation>
    </message>
    <message>
        <source>Transfers ha</source>
        <translation>Transferts ha</translation>
    </message>
    <message>
        <source>Remaining ha</source>
        <translation>Restant ha</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Click a commune or a site to see its ZAN budget.</source>
        <translation>Cliquez sur une commune ou un site pour afficher son budget ZAN.</translation>
    </message>
    <message>
        <source>Consumption since 2021 is SYNTHETIC in this workspace (counted through %1).</source>
        <translation>La consommation depuis 2021 est SYNTHÉTIQUE dans cet espace de travail (comptée jusqu&apos;en %1).</translation>
    </message>
    <message>
        <source>Consumption counted through %1.</source>
        <translation>Consommation comptée jusqu&apos;en %1.</translation>
    </message>
</context>
<context>
    <name>zanplan::app::LayerPanel</name>
    <message>
        <source>Tick to show, drag to reorder, double-click to zoom to the layer</source>
        <translation>Cochez pour afficher, faites glisser pour réordonner, double-cliquez pour zoomer sur la couche</translation>
    </message>
    <message>
        <source>%1 (synthetic)</source>
        <translation>%1 (synthétique)</translation>
    </message>
    <message>
        <source>%1: your own layer (zanplan layer add)</source>
        <translation>%1 : votre couche (zanplan layer add)</translation>
    </message>
</context>
<context>
    <name>zanplan::app::MainWindow</name>
    <message>
        <source>zanplan — sites and ZAN budgets</source>
        <translation>zanplan — sites et budgets ZAN</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <source>Profile &amp;&amp; weights</source>
        <translation>Profil &amp;&amp; pondérations</translation>
    </message>
    <message>
        <source>Click a site on the map or in the table to see why it scores as it does.</source>
        <translation>Cliquez sur un site, sur la carte ou dans le tableau, pour comprendre son score.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>ZAN budget</source>
        <translation>Budget ZAN</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>Ranked sites</source>
        <translation>Sites classés</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>&amp;Ouvrir un espace de travail…</translation>
    </message>
    <message>
        <source>Open a zanplan workspace</source>
        <translation>Ouvrir un espace de travail zanplan</translation>
    </message>
    <message>
        <source>Workspaces (*.gpkg)</source>
        <translation>Espaces de travail (*.gpkg)</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>&amp;Exporter les résultats…</translation>
    </message>
    <message>
        <source>Export the ranked sites</source>
        <translation>Exporter les sites classés</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg);;GeoJSON (*.geojson)</source>
        <translation>GeoPackage (*.gpkg);;GeoJSON (*.geojson)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Export &amp;view…</source>
        <translation>Exporter la &amp;vue…</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>Image PNG (*.png);;Document PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Site dossier (PDF)…</source>
        <translation>Dossier du site (PDF)…</translation>
    </message>
    <message>
        <source>Save the site dossier</source>
        <translation>Enregistrer le dossier du site</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Site dossier</source>
        <translation>Dossier du site</translation>
    </message>
    <message>
        <source>Export the map view</source>
        <translation>Exporter la vue de la carte</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Zoom to &amp;region</source>
        <translation>Zoomer sur la &amp;région</translation>
    </message>
    <message>
        <source>Zoom to &amp;selection</source>
        <translation>Zoomer sur la &amp;sélection</translation>
    </message>
    <message>
        <source>Zoom to &amp;top sites</source>
        <translation>Zoomer sur les &amp;meilleurs sites</translation>
    </message>
    <message>
        <source>zanplan — %1</source>
        <translation>zanplan — %1</translation>
    </message>
    <message>
        <source>Loaded %1 in %2 s</source>
        <translation>%1 chargé en %2 s</translation>
    </message>
    <message>
        <source>%1: %2 sites ranked of %3 candidates in %4 s</source>
        <translation>%1 : %2 sites classés sur %3 candidats en %4 s</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>Exporté : %1</translation>
    </message>
    <message>
        <source>&amp;Legend on the map</source>
        <translation>&amp;Légende sur la carte</translation>
    </message>
    <message>
        <source>Filter by site id or commune</source>
        <translation>Filtrer par identifiant de site ou commune</translation>
    </message>
    <message>
        <source>Ranked sites only</source>
        <translation>Sites classés seulement</translation>
    </message>
    <message>
        <source>Excluded sites only</source>
        <translation>Sites exclus seulement</translation>
    </message>
    <message>
        <source>All assessed sites</source>
        <translation>Tous les sites évalués</translation>
    </message>
    <message>
        <source>%1 of %2 sites</source>
        <translation>%1 sites sur %2</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>Rechercher :</translation>
    </message>
    <message>
        <source>Open &amp;session…</source>
        <translation>Ouvrir une &amp;session…</translation>
    </message>
    <message>
        <source>Open a zanplan session</source>
        <translation>Ouvrir une session zanplan</translation>
    </message>
    <message>
        <source>zanplan sessions (*.zanplan)</source>
        <translation>Sessions zanplan (*.zanplan)</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>Ouvrir une session</translation>
    </message>
    <message>
        <source>Sa&amp;ve session…</source>
        <translation>&amp;Enregistrer la session…</translation>
    </message>
    <message>
        <source>Save the session</source>
        <translation>Enregistrer la session</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>Enregistrer la session</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;Documentation</source>
        <translation>&amp;Documentation</translation>
    </message>
    <message>
        <source>Documentation</source>
        <translation>Documentation</translation>
    </message>
    <message>
        <source>&amp;Glossary</source>
        <translation>&amp;Glossaire</translation>
    </message>
    <message>
        <source>Glossary</source>
        <translation>Glossaire</translation>
    </message>
    <message>
        <source>The &amp;map</source>
        <translation>La &amp;carte</translation>
    </message>
    <message>
        <source>The map</source>
        <translation>La carte</translation>
    </message>
    <message>
        <source>&amp;About zanplan</source>
        <translation>À &amp;propos de zanplan</translation>
    </message>
    <message>
        <source>No program is set to open it here; the file is:
%1</source>
        <translation>Aucun programme n&apos;est configuré pour l&apos;ouvrir ici ; le fichier est :
%1</translation>
    </message>
    <message>
        <source>The file is not installed here. It should be at:
%1</source>
        <translation>Le fichier n&apos;est pas installé ici. Il devrait se trouver à :
%1</translation>
    </message>
    <message>
        <source>About zanplan</source>
        <translation>À propos de zanplan</translation>
    </message>
    <message>
        <source>&lt;h3&gt;zanplan %1&lt;/h3&gt;&lt;p&gt;Siting gigafactories and datacenters in a French region, and the ZAN land-take budget ledger (&lt;i&gt;zéro artificialisation nette&lt;/i&gt;).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Data sources&lt;/b&gt;: IGN ADMIN EXPRESS and INSEE COG (communes), DGCL BANATIC (EPCI), SRADDET targets, Cerema (ENAF consumption), RTE via ODRE (substations), SNCF (freight rail), OpenStreetMap (basemap, © OpenStreetMap contributors).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Licences&lt;/b&gt;: the public data is under the Licence Ouverte 2.0 (Etalab), the SNCF and OpenStreetMap data under the ODbL; each source&apos;s licence is listed in data/region-32/SOURCES.md. Parcels, land cover and consumption since 2021 are SYNTHETIC in the demo workspace.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;zanplan %1&lt;/h3&gt;&lt;p&gt;Implantation de gigafactories et de datacenters dans une région française, et registre du budget foncier ZAN (&lt;i&gt;zéro artificialisation nette&lt;/i&gt;).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Sources des données&lt;/b&gt; : IGN ADMIN EXPRESS et COG de l&apos;INSEE (communes), DGCL BANATIC (EPCI), objectifs du SRADDET, Cerema (consommation d&apos;ENAF), RTE via ODRE (postes électriques), SNCF (fret ferroviaire), OpenStreetMap (fond de carte, © les contributeurs d&apos;OpenStreetMap).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Licences&lt;/b&gt; : les données publiques sont sous Licence Ouverte 2.0 (Etalab), celles de la SNCF et d&apos;OpenStreetMap sous ODbL ; la licence de chaque source figure dans data/region-32/SOURCES.md. Les parcelles, l&apos;occupation du sol et la consommation depuis 2021 sont SYNTHÉTIQUES dans l&apos;espace de travail de démonstration.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Session saved to %1</source>
        <translation>Session enregistrée dans %1</translation>
    </message>
</context>
<context>
    <name>zanplan::app::ResultsModel</name>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>Parcelles</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <source>Area ha</source>
        <translation>Surface ha</translation>
    </message>
    <message>
        <source>ENAF ha</source>
        <translation>ENAF ha</translation>
    </message>
    <message>
        <source>Substation</source>
        <translation>Poste électrique</translation>
    </message>
    <message>
        <source>Power km</source>
        <translation>Électricité km</translation>
    </message>
    <message>
        <source>Motorway km</source>
        <translation>Autoroute km</translation>
    </message>
    <message>
        <source>Rail km</source>
        <translation>Fer km</translation>
    </message>
    <message>
        <source>Port km</source>
        <translation>Port km</translation>
    </message>
    <message>
        <source>Envelope share</source>
        <translation>Part de l&apos;enveloppe</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Stable in top K</source>
        <translation>Stable dans le top K</translation>
    </message>
    <message>
        <source>Pareto</source>
        <translation>Pareto</translation>
    </message>
    <message>
        <source>&gt; %1</source>
        <translation>&gt; %1</translation>
    </message>
    <message>
        <source>How often the site stays in the top K when the weights are perturbed</source>
        <translation>Part des tirages où le site reste dans les K premiers quand les poids varient</translation>
    </message>
    <message>
        <source>● : no other site is better on every criterion</source>
        <translation>● : aucun autre site n&apos;est meilleur sur tous les critères</translation>
    </message>
    <message>
        <source>Excluded because</source>
        <translation>Motif d&apos;exclusion</translation>
    </message>
</context>
<context>
    <name>zanplan::app::SearchField</name>
    <message>
        <source>Find a commune or a site (name, INSEE code, site id)</source>
        <translation>Chercher une commune ou un site (nom, code INSEE, identifiant)</translation>
    </message>
</context>
<context>
    <name>zanplan::app::Session</name>
    <message>
        <source>Loading %1…</source>
        <translation>Chargement de %1…</translation>
    </message>
    <message>
        <source>Opening the workspace</source>
        <translation>Ouverture de l&apos;espace de travail</translation>
    </message>
    <message>
        <source>Scoring %1…</source>
        <translation>Calcul des scores (%1)…</translation>
    </message>
    <message>
        <source>Scoring</source>
        <translation>Calcul des scores</translation>
    </message>
</context>
<context>
    <name>zanplan::app::WeightsPanel</name>
    <message>
        <source>PENE project (charged to the national forfait)</source>
        <translation>Projet PENE (imputé au forfait national)</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Pondérations</translation>
    </message>
    <message>
        <source>Weighted sum</source>
        <translation>Somme pondérée</translation>
    </message>
    <message>
        <source>TOPSIS</source>
        <translation>TOPSIS</translation>
    </message>
    <message>
        <source>Weights derived from the profile&apos;s AHP matrix (consistency ratio %1).</source>
        <translation>Pondérations issues de la matrice AHP du profil (ratio de cohérence %1).</translation>
    </message>
    <message>
        <source>no weight for %1 in profile %2</source>
        <translation>aucun poids pour %1 dans le profil %2</translation>
    </message>
    <message>
        <source>weights for criteria that profile %1 does not weigh</source>
        <translation>des poids pour des critères que le profil %1 ne pondère pas</translation>
    </message>
</context>
<context>
    <name>zanplan::maps::Legend</name>
    <message>
        <source>SYNTHETIC</source>
        <translation>SYNTHÉTIQUE</translation>
    </message>
</context>
</TS>
