"""The zanplan Processing provider in a headless QGIS, as a planner's QGIS would run it.

A small workspace is made with the program (three communes at the real parcel density), then
the provider's algorithms run through Processing and load their outputs into the project.
Each result is checked against the files read independently: the CSV with the csv module,
the GeoPackage's stored style and the workspace's tables with sqlite3, the PNG's size from
its header. Exits 77 (ctest: skipped) when PyQGIS is not installed.

Environment: ZANPLAN (the program), ZANPLAN_DATA_DIR (the bundled data), ZANPLAN_QGIS_PLUGINS
(the folder holding zanplan_processing), ZANPLAN_HAS_RENDER (0 when built without the map).
"""
import csv
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree

os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')
try:
    from qgis.core import (QgsApplication, QgsFeature, QgsGeometry, QgsProcessingException, QgsProcessingFeedback,
                           QgsProject, QgsRasterLayer, QgsVectorLayer)
except ImportError:
    print('SKIPPED: PyQGIS is not installed (Debian package python3-qgis: ZANPLAN_WITH_QGIS=1 scripts/install-deps.sh)')
    sys.exit(77)

PROGRAM = os.environ['ZANPLAN']
DATA_DIR = os.environ['ZANPLAN_DATA_DIR']
COMMUNES = '80685,80176,80676'  # Roye and two neighbours (Somme), as in tests/cli

sys.path.insert(0, '/usr/share/qgis/python/plugins')  # Debian's place for the processing plugin
sys.path.insert(0, os.environ['ZANPLAN_QGIS_PLUGINS'])

APP = QgsApplication([], False)
APP.initQgis()
import processing  # noqa: E402 (needs the application)
import qgis.utils  # noqa: E402
from processing.core.Processing import Processing  # noqa: E402

from zanplan_processing.runner import StderrReader  # noqa: E402


class RecordingFeedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.texts = []
        self.percents = []
        self.commands = []
        self.progressChanged.connect(self.percents.append)

    def pushCommandInfo(self, text):  # noqa: N802 (QGIS API names)
        self.commands.append(text)
        super().pushCommandInfo(text)

    def setProgressText(self, text):  # noqa: N802
        self.texts.append(text)
        super().setProgressText(text)


def csv_rows(path):
    with open(path, newline='', encoding='utf-8') as file:
        return list(csv.DictReader(file))


def layer_from(source_prefix):
    """The project's one layer whose source starts with SOURCE_PREFIX."""
    found = [layer for layer in QgsProject.instance().mapLayers().values() if layer.source().startswith(source_prefix)]
    assert len(found) == 1, f'{len(found)} layers from {source_prefix} in the project'
    return found[0]


def run_and_load(algorithm, parameters, feedback=None):
    return processing.runAndLoadResults(algorithm, parameters, feedback=feedback or QgsProcessingFeedback())


class StandardErrorReading(unittest.TestCase):
    """The program's standard error as a terminal gets it, cut at arbitrary places."""

    def test_progress_messages_and_errors_are_told_apart(self):
        feedback = RecordingFeedback()
        reader = StderrReader(feedback)
        stream = ('\r\x1b[2K\rreading candidates   5 %\r\x1b[2K\rreading candidates 100 %'
                  '\r\x1b[2K\rranking  42 %\r\x1b[2K\r\r\nwarning: 2 of 9 basemap tiles could not be fetched\r\n'
                  'zanplan: error: W.gpkg, layer sites_x: no such table\r\n')
        for start in range(0, len(stream), 7):  # chunks that split lines, escapes and CR LF pairs
            reader.feed(stream[start:start + 7])
        reader.finish()
        self.assertEqual(feedback.texts, ['reading candidates', 'ranking'])
        self.assertEqual(feedback.percents, [5.0, 100.0, 42.0])
        self.assertEqual(reader.errors, ['W.gpkg, layer sites_x: no such table'])


class ProcessingProvider(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix='zanplan-qgis-')
        region = os.path.join(DATA_DIR, 'region-32')
        with open(os.path.join(region, 'sources.toml'), encoding='utf-8') as file:
            text = file.read()
        # Real inputs stay in the data folder; the synthetic ones are generated beside the copy.
        text = re.sub(r'file = "(real/|scot-|communal-|pene-)', lambda m: f'file = "{region}/{m[1]}', text)
        manifest = os.path.join(cls.dir, 'sources.toml')
        with open(manifest, 'w', encoding='utf-8') as file:
            file.write(text)
        cls.workspace = os.path.join(cls.dir, 'roye.gpkg')
        for arguments in (['generate', '-q', '--sources', manifest, '--density', '1', '--seed', '7',
                           '--communes', COMMUNES],
                          ['import', '-q', '--sources', manifest, '-o', cls.workspace]):
            subprocess.run([PROGRAM] + arguments, check=True)
        Processing.initialize()
        # Loaded as QGIS loads a plugin with a Processing provider at start-up.
        qgis.utils.plugin_paths.insert(0, os.environ['ZANPLAN_QGIS_PLUGINS'])
        qgis.utils.updateAvailablePlugins()
        assert 'zanplan_processing' in qgis.utils.available_plugins, qgis.utils.available_plugins
        assert qgis.utils.pluginMetadata('zanplan_processing', 'hasProcessingProvider') == 'yes'
        assert qgis.utils.loadPlugin('zanplan_processing') and qgis.utils.startProcessingPlugin('zanplan_processing')
        cls.provider = QgsApplication.processingRegistry().providerById('zanplan')
        assert cls.provider is not None
        # The provider's own algorithm assembles the sites the other tests rank.
        cls.sites = run_and_load('zanplan:sites', {'WORKSPACE': cls.workspace, 'PROFILE': 'gigafactory'})

    @classmethod
    def tearDownClass(cls):
        QgsProject.instance().clear()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def out(self, name):
        return os.path.join(self.dir, name)

    def test_provider_lists_the_five_algorithms_and_the_bundled_profiles(self):
        ids = sorted(a.id() for a in self.provider.algorithms())
        self.assertEqual(ids, ['zanplan:budget', 'zanplan:layer_add', 'zanplan:render', 'zanplan:score', 'zanplan:sites'])
        profile = self.provider.algorithm('score').parameterDefinition('PROFILE')
        bundled = sorted(n[:-5] for n in os.listdir(os.path.join(DATA_DIR, 'profiles')) if n.endswith('.toml'))
        self.assertEqual(sorted(profile.options()), bundled)

    def workspace_copy(self, name):
        """A copy of the workspace for a test that modifies it."""
        path = self.out(name)
        shutil.copyfile(self.workspace, path)
        return path

    def zone_file(self):
        """Two polygons near Roye in longitudes and latitudes, as a planner's GeoJSON."""
        zone = self.out('zone.geojson')
        with open(zone, 'w', encoding='utf-8') as file:
            file.write('{"type": "FeatureCollection", "features": ['
                       '{"type": "Feature", "properties": {"alea": 3}, "geometry": {"type": "Polygon", "coordinates": '
                       '[[[2.74, 49.68], [2.78, 49.68], [2.78, 49.71], [2.74, 49.71], [2.74, 49.68]]]}},'
                       '{"type": "Feature", "properties": {"alea": 1}, "geometry": {"type": "Polygon", "coordinates": '
                       '[[[2.80, 49.68], [2.81, 49.68], [2.81, 49.69], [2.80, 49.68]]]}}]}')
        return zone

    def test_layer_add_imports_a_file_and_loads_it(self):
        workspace = self.workspace_copy('layer-file.gpkg')
        zone = self.zone_file()
        feedback = RecordingFeedback()
        results = run_and_load('zanplan:layer_add', {'WORKSPACE': workspace, 'INPUT': zone, 'NAME': 'zone'}, feedback)
        self.assertEqual(results['OUTPUT'], f'{workspace}|layername=zone')
        self.assertRegex(feedback.commands[0], r' layer add .* zone .*zone\.geojson')
        with sqlite3.connect(workspace) as db:
            (count,) = db.execute('SELECT count(*) FROM zone').fetchone()
            (source,) = db.execute("SELECT source FROM zanplan_user_layers WHERE name = 'zone'").fetchone()
            (srs,) = db.execute("SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = 'zone'").fetchone()
        self.assertEqual(count, 2)
        self.assertIn('zone.geojson', source)  # the file itself, not a copy
        self.assertEqual(srs, 2154)
        self.assertEqual(layer_from(f'{workspace}|layername=zone').featureCount(), 2)

    def test_layer_add_copies_a_memory_layer_and_keeps_the_selection(self):
        workspace = self.workspace_copy('layer-memory.gpkg')
        memory = QgsVectorLayer('Polygon?crs=EPSG:4326&field=kind:string', 'drawn zones', 'memory')
        features = []
        for kind, x in (('ppri', 2.74), ('znieff', 2.76), ('ppri', 2.78)):
            feature = QgsFeature(memory.fields())
            feature.setAttribute('kind', kind)
            feature.setGeometry(QgsGeometry.fromWkt(f'POLYGON(({x} 49.68, {x + 0.01} 49.68, {x + 0.01} 49.69, {x} 49.68))'))
            features.append(feature)
        memory.dataProvider().addFeatures(features)
        processing.run('zanplan:layer_add', {'WORKSPACE': workspace, 'INPUT': memory, 'NAME': 'drawn',
                                             'SELECT': 'kind=ppri'})
        with sqlite3.connect(workspace) as db:
            kinds = [kind for (kind,) in db.execute('SELECT kind FROM drawn ORDER BY fid')]
        self.assertEqual(kinds, ['ppri', 'ppri'])

    def test_layer_add_refuses_a_built_in_name_with_the_programs_message(self):
        workspace = self.workspace_copy('layer-refused.gpkg')
        with open(workspace, 'rb') as file:
            before = file.read()
        with self.assertRaises(QgsProcessingException) as caught:
            processing.run('zanplan:layer_add', {'WORKSPACE': workspace, 'INPUT': self.zone_file(),
                                                 'NAME': 'parcels'})
        self.assertIn('exit code 2', str(caught.exception))
        self.assertIn('parcels', str(caught.exception))
        with open(workspace, 'rb') as file:
            self.assertEqual(file.read(), before)

    def test_sites_layer_is_the_workspace_table(self):
        layer = layer_from(self.workspace)
        with sqlite3.connect(self.workspace) as db:
            (count,) = db.execute('SELECT count(*) FROM sites_gigafactory').fetchone()
        self.assertGreater(count, 0)
        self.assertEqual(layer.featureCount(), count)
        self.assertEqual(layer.renderer().type(), 'singleSymbol')
        self.assertEqual(layer.renderer().symbol().color().name(), '#006837')  # the map's site green

    def test_score_loads_the_ranking_with_the_geopackage_style(self):
        folder = self.out('score')
        feedback = RecordingFeedback()
        results = run_and_load('zanplan:score', {'WORKSPACE': self.workspace, 'PROFILE': 'gigafactory',
                                                 'METHOD': 'topsis', 'TOP': 5, 'OUTPUT_FOLDER': folder}, feedback)
        gpkg = os.path.join(folder, 'sites-gigafactory.gpkg')
        self.assertEqual(results['CSV'], os.path.join(folder, 'sites-gigafactory.csv'))
        self.assertTrue(os.path.isfile(results['GEOJSON_FILE']))
        layer = layer_from(gpkg)
        self.assertIsInstance(layer, QgsVectorLayer)
        self.assertEqual(layer.featureCount(), len(csv_rows(results['CSV'])))

        # The style QGIS applied is the one stored in the GeoPackage's layer_styles table.
        with sqlite3.connect(gpkg) as db:
            (qml,) = db.execute("SELECT styleQML FROM layer_styles WHERE f_table_name = 'sites_gigafactory' "
                                'AND useAsDefault = 1').fetchone()
        self.assert_renderer_is(layer.renderer(), ElementTree.fromstring(qml).find('renderer-v2'))

        # The options reached the program; its progress stages reached the feedback (read
        # through a pseudo-terminal).
        self.assertEqual(len(feedback.commands), 1)
        self.assertRegex(feedback.commands[0], r' score .* --method topsis --top 5 ')
        self.assertIn('ranking', feedback.texts)
        self.assertIn(100.0, feedback.percents)

    def assert_renderer_is(self, renderer, stored):
        """RENDERER has the type and the classes of the QML renderer element STORED."""
        self.assertEqual(renderer.type(), stored.get('type'))
        if stored.get('type') == 'graduatedSymbol':
            self.assertEqual(renderer.classAttribute(), stored.get('attr'))
            stored_ranges = [(float(r.get('lower')), float(r.get('upper'))) for r in stored.iter('range')]
            self.assertGreater(len(stored_ranges), 1)
            self.assertEqual([(r.lowerValue(), r.upperValue()) for r in renderer.ranges()], stored_ranges)
        elif stored.get('type') == 'categorizedSymbol':
            self.assertEqual(renderer.classAttribute(), stored.get('attr'))
            self.assertEqual([c.value() for c in renderer.categories()], [c.get('value') for c in stored.iter('category')])
        elif stored.get('type') == 'RuleRenderer':
            stored_rules = [r.get('filter') or '' for r in stored.iter('rule')]
            self.assertGreater(len(stored_rules), 1)
            self.assertEqual([r.filterExpression() for r in renderer.rootRule().descendants()], stored_rules)
        else:
            self.fail(f'the GeoPackage stores a {stored.get("type")} style, expected classes')

    def test_an_unknown_profile_fails_with_the_programs_message(self):
        missing = self.out('nosuch.toml')
        with self.assertRaises(QgsProcessingException) as caught:
            processing.run('zanplan:score', {'WORKSPACE': self.workspace, 'PROFILE_FILE': missing,
                                             'OUTPUT_FOLDER': self.out('nosuch')})
        message = str(caught.exception)
        self.assertIn('exit code 4', message)
        self.assertIn(f'{missing}: profile file not found', message)
        self.assertFalse(os.path.exists(self.out('nosuch')))

    def test_an_unknown_criterion_weight_fails_with_the_programs_message(self):
        with self.assertRaises(QgsProcessingException) as caught:
            processing.run('zanplan:score', {'WORKSPACE': self.workspace, 'WEIGHTS': 'no_such_criterion=0.5',
                                             'OUTPUT_FOLDER': self.out('weights')})
        self.assertIn('no_such_criterion', str(caught.exception))

    def test_a_missing_program_is_named(self):
        saved = os.environ['ZANPLAN']
        os.environ['ZANPLAN'] = self.out('no-such-program')
        try:
            with self.assertRaises(QgsProcessingException) as caught:
                processing.run('zanplan:budget', {'WORKSPACE': self.workspace, 'OUTPUT': self.out('x.csv')})
        finally:
            os.environ['ZANPLAN'] = saved
        self.assertIn('not an executable file: ' + self.out('no-such-program'), str(caught.exception))

    def test_a_cancelled_run_stops_the_program_and_writes_nothing(self):
        feedback = QgsProcessingFeedback()
        feedback.cancel()
        with self.assertRaises(QgsProcessingException) as caught:
            processing.run('zanplan:budget', {'WORKSPACE': self.workspace, 'OUTPUT': self.out('cancelled.csv')},
                           feedback=feedback)
        self.assertIn('cancelled', str(caught.exception))
        self.assertFalse(os.path.exists(self.out('cancelled.csv')))

    def test_budget_loads_a_choropleth_coloured_by_status(self):
        table, choropleth = self.out('budget-epci.csv'), self.out('budget-epci.geojson')
        results = run_and_load('zanplan:budget', {'WORKSPACE': self.workspace, 'LEVEL': 'epci',
                                                  'OUTPUT': table, 'CHOROPLETH': choropleth})
        self.assertEqual(results['LAYER'], choropleth)
        layer = layer_from(choropleth)
        rows = csv_rows(table)
        self.assertGreater(len(rows), 1)
        self.assertEqual(layer.featureCount(), len(rows))
        renderer = layer.renderer()
        self.assertEqual(renderer.type(), 'categorizedSymbol')
        self.assertEqual(renderer.classAttribute(), 'status')
        self.assertEqual(sorted(c.value() for c in renderer.categories()), ['over', 'tight', 'within'])
        self.assertTrue({row['status'] for row in rows} <= {'over', 'tight', 'within'})

    def test_budget_of_the_region_loads_its_table(self):
        table = self.out('budget-region.csv')
        run_and_load('zanplan:budget', {'WORKSPACE': self.workspace, 'LEVEL': 'region', 'OUTPUT': table,
                                        'CHOROPLETH': self.out('unused.geojson')})
        self.assertFalse(os.path.exists(self.out('unused.geojson')))
        self.assertEqual(layer_from(table).featureCount(), len(csv_rows(table)))

    @unittest.skipUnless(os.environ.get('ZANPLAN_HAS_RENDER', '1') == '1', 'zanplan built without the map: no render')
    def test_render_loads_the_image_of_the_chosen_extent(self):
        png = self.out('map.png')
        feedback = RecordingFeedback()
        # Around Roye, in longitudes and latitudes: passed on as they are, in the program's order.
        run_and_load('zanplan:render', {'WORKSPACE': self.workspace, 'EXTENT': '2.70,2.85,49.65,49.75 [EPSG:4326]',
                                        'WIDTH': 400, 'HEIGHT': 300, 'OUTPUT': png}, feedback)
        self.assertIn(' --bbox 2.7 49.65 2.85 49.75', feedback.commands[0])
        with open(png, 'rb') as file:
            header = file.read(24)
        self.assertEqual(header[:8], b'\x89PNG\r\n\x1a\n')
        width, height = struct.unpack('>II', header[16:24])
        self.assertEqual((width, height), (400, 300))
        layer = layer_from(png)
        self.assertIsInstance(layer, QgsRasterLayer)
        self.assertEqual((layer.width(), layer.height()), (400, 300))


if __name__ == '__main__':
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors)
    print(f'{result.testsRun - failed} passed, {failed} failed')
    APP.exitQgis()
    sys.exit(1 if failed else 0)
