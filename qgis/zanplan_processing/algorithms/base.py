"""What the algorithms share: the parameters common to several commands, turning them into
the program's options, running it and queuing outputs for loading into the project."""
import os
import re

from qgis.core import (QgsProcessingAlgorithm, QgsProcessingContext, QgsProcessingException,
                       QgsProcessingParameterEnum, QgsProcessingParameterFile, QgsProcessingParameterNumber,
                       QgsProcessingParameterString, QgsProcessingUtils, QgsProject)

from .. import program
from ..profile import profile_name
from ..runner import run_zanplan

WORKSPACE = 'WORKSPACE'
PROFILE = 'PROFILE'
PROFILE_FILE = 'PROFILE_FILE'
REGIME = 'REGIME'
SCENARIO = 'SCENARIO'
WEIGHTS = 'WEIGHTS'
METHOD = 'METHOD'
TOP = 'TOP'
PENE = 'PENE'

METHODS = ('weighted-sum', 'topsis')
PENE_CHOICES = ('pene', 'no-pene')


class ZanplanAlgorithm(QgsProcessingAlgorithm):
    """A zanplan command. Subclasses name it and declare and translate its own parameters."""

    command = ''
    title = ''
    help_text = ''

    def name(self):
        return self.command

    def displayName(self):  # noqa: N802 (QGIS API names throughout)
        return self.title

    def shortHelpString(self):  # noqa: N802
        return self.help_text

    def createInstance(self):  # noqa: N802
        return type(self)()

    # Parameters -------------------------------------------------------------------------

    def add_workspace(self):
        self.addParameter(QgsProcessingParameterFile(WORKSPACE, 'Workspace (GeoPackage made by zanplan import)',
                                                     extension='gpkg'))

    def add_profile(self):
        names = program.toml_names('profiles')
        default = 'gigafactory' if 'gigafactory' in names else (names[0] if names else None)
        self.addParameter(QgsProcessingParameterEnum(PROFILE, 'Profile', options=names, defaultValue=default,
                                                     optional=not names, usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterFile(PROFILE_FILE, 'Profile file (TOML; replaces the profile above)',
                                                     fileFilter='Profiles (*.toml)', optional=True))

    def add_ledger_options(self):
        self.addParameter(QgsProcessingParameterEnum(REGIME, 'Legal regime (default: the program\'s)',
                                                     options=program.toml_names('regimes'), optional=True,
                                                     usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterString(SCENARIO, 'Scenario stored in the workspace', optional=True))

    def add_ranking_options(self, with_top=True):
        self.addParameter(QgsProcessingParameterString(
            WEIGHTS, 'Weight overrides CRITERION=VALUE, comma-separated (the others are rescaled)', optional=True))
        self.addParameter(QgsProcessingParameterEnum(METHOD, 'Aggregation method (default: the profile\'s)',
                                                     options=METHODS, optional=True, usesStaticStrings=True))
        if with_top:
            self.addParameter(QgsProcessingParameterNumber(TOP, 'Top sites to show and test for stability',
                                                           QgsProcessingParameterNumber.Integer, optional=True,
                                                           minValue=1, maxValue=100000))
        self.addParameter(QgsProcessingParameterEnum(PENE, 'PENE status of the project (default: the profile\'s)',
                                                     options=PENE_CHOICES, optional=True, usesStaticStrings=True))

    # Parameters → options ---------------------------------------------------------------

    def workspace(self, parameters, context):
        path = self.parameterAsFile(parameters, WORKSPACE, context)
        if not path:
            raise QgsProcessingException('a workspace is needed')
        return path

    def profile(self, parameters, context):
        """The profile as the program takes it: a file path, else a name from the data folder."""
        path = self.parameterAsFile(parameters, PROFILE_FILE, context)
        if path:
            return path
        name = self.parameterAsEnumString(parameters, PROFILE, context)
        if not name:
            raise QgsProcessingException('choose a profile or give a profile file')
        return name

    def profile_file(self, profile):
        """The TOML file the program reads for PROFILE (a path, or a name in the data folder)."""
        if '/' in profile or profile.endswith('.toml'):
            return profile
        return os.path.join(program.find_data_dir(), 'profiles', profile + '.toml')

    def profile_options(self, parameters, context):
        return ['--profile', self.profile(parameters, context)]

    def ledger_options(self, parameters, context):
        options = []
        regime = self.parameterAsEnumString(parameters, REGIME, context)
        if regime:
            options += ['--regime', regime]
        scenario = self.parameterAsString(parameters, SCENARIO, context).strip()
        if scenario:
            options += ['--scenario', scenario]
        return options

    def ranking_options(self, parameters, context):
        options = []
        for weight in re.split(r'[,\s]+', self.parameterAsString(parameters, WEIGHTS, context).strip()):
            if weight:
                options += ['--weight', weight]
        method = self.parameterAsEnumString(parameters, METHOD, context)
        if method:
            options += ['--method', method]
        if TOP in parameters and parameters[TOP] is not None:
            options += ['--top', str(self.parameterAsInt(parameters, TOP, context))]
        pene = self.parameterAsEnumString(parameters, PENE, context)
        if pene:
            options.append('--' + pene)
        return options

    # Running and loading ----------------------------------------------------------------

    def run_program(self, arguments, feedback):
        """Runs `zanplan COMMAND ARGUMENTS` with the plugin's data folder, when it knows one."""
        data_dir = program.find_data_dir()
        extra = ['--data-dir', data_dir] if data_dir else []
        run_zanplan(program.find_program(), [self.command] + arguments + extra, feedback)

    def load_on_completion(self, uri, name, output, context, styler, raster=False):
        project = context.project() or QgsProject.instance()
        hint = QgsProcessingUtils.LayerHint.Raster if raster else QgsProcessingUtils.LayerHint.Vector
        details = QgsProcessingContext.LayerDetails(name, project, output, hint)
        if styler is not None:
            details.setPostProcessor(styler)
        context.addLayerToLoadOnCompletion(uri, details)

    def profile_name(self, parameters, context):
        """The profile's `name`: the program names its site tables and export files after it."""
        return profile_name(self.profile_file(self.profile(parameters, context)))

