<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>QObject</name>
    <message>
        <source>Commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EPCI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SCoT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Département</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Région</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power: distance to a connectable substation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Motorway access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freight rail point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logistics: motorway, rail, port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ENAF land taken (ha)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of the commune&apos;s ZAN envelope</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Sites for gigafactories and datacenters, and ZAN budgets, on a map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace GeoPackage (default: the demo workspace)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal regime name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder with profiles/ and regimes/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not fetch basemap tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>XYZ tile URL template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline basemap MBTiles file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the window as PNG once the sites are scored, then quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site to select once scored</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zanplan::app::BudgetPanel</name>
    <message>
        <source>Territory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Envelope ha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumed ha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Committed ha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfers ha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remaining ha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a commune or a site to see its ZAN budget.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumption since 2021 is SYNTHETIC in this workspace (counted through %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumption counted through %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zanplan::app::LayerPanel</name>
    <message>
        <source>Tick to show, drag to reorder, double-click to zoom to the layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (synthetic)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zanplan::app::MainWindow</name>
    <message>
        <source>zanplan — sites and ZAN budgets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &amp;&amp; weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a site on the map or in the table to see why it scores as it does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ZAN budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranked sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a zanplan workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspaces (*.gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the ranked sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg);;GeoJSON (*.geojson)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;view as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the map view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to &amp;region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to &amp;selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to &amp;top sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zanplan — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded %1 in %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 sites ranked of %3 candidates in %4 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zanplan::app::ResultsModel</name>
    <message>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area ha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ENAF ha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Substation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Motorway km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rail km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Envelope share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stable in top K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pareto</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zanplan::app::Session</name>
    <message>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zanplan::app::WeightsPanel</name>
    <message>
        <source>PENE project (charged to the national forfait)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weighted sum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TOPSIS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights derived from the profile&apos;s AHP matrix (consistency ratio %1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zanplan::maps</name>
    <message>
        <source>artificialised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ENAF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>brownfield</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>land class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidate sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Communes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logistics areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business parks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Motorways</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brownfields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freight rail points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≤ 90 kV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>150–225 kV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>400 kV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>voltage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connectable substations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>over (&lt; 0 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tight (0–10 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>10–25 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>25–50 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>50–75 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≥ 75 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ZAN envelope 2021–2030 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top %1 sites (rank)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zanplan::maps::Legend</name>
    <message>
        <source>SYNTHETIC</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
