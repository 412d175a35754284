"""Where the zanplan program and its data folder (profiles/, regimes/) are.

The program is the provider's setting when set, else the ZANPLAN environment variable, else
`zanplan` on PATH. The data folder is the setting, else ZANPLAN_DATA_DIR, else the `data`
folder of the source tree the program was built in or of its installation prefix.
"""
import os
import shutil

from qgis.core import QgsProcessingException

from processing.core.ProcessingConfig import ProcessingConfig

PROGRAM_SETTING = 'ZANPLAN_PROGRAM'
DATA_DIR_SETTING = 'ZANPLAN_DATA_DIR'


def _setting(name):
    value = ProcessingConfig.getSetting(name)
    return value.strip() if isinstance(value, str) else ''


def find_program():
    """The program to run, or a QgsProcessingException saying how to configure it."""
    candidates = [('the provider setting', _setting(PROGRAM_SETTING)),
                  ('ZANPLAN', os.environ.get('ZANPLAN', '').strip())]
    for origin, path in candidates:
        if path:
            if os.path.isfile(path) and os.access(path, os.X_OK):
                return path
            raise QgsProcessingException(f'zanplan program from {origin} is not an executable file: {path}')
    found = shutil.which('zanplan')
    if found:
        return found
    raise QgsProcessingException(
        'zanplan program not found: set it in Processing → Options → Providers → zanplan, '
        'or in the ZANPLAN environment variable, or put it on PATH')


def _has_profiles(folder):
    return bool(folder) and os.path.isdir(os.path.join(folder, 'profiles'))


def find_data_dir():
    """The data folder, or '' when none is known (the program then uses its own default)."""
    for folder in (_setting(DATA_DIR_SETTING), os.environ.get('ZANPLAN_DATA_DIR', '').strip()):
        if folder:
            return folder
    try:
        program = os.path.realpath(find_program())
    except QgsProcessingException:
        return ''
    # A build tree (SRC/build/src/zanplan) or an installation (PREFIX/bin/zanplan).
    folder = os.path.dirname(program)
    for _ in range(4):
        folder = os.path.dirname(folder)
        for candidate in (os.path.join(folder, 'data'), os.path.join(folder, 'share', 'zanplan', 'data')):
            if _has_profiles(candidate):
                return candidate
    return ''


def toml_names(kind):
    """Names of the data folder's KIND/*.toml files (kind: 'profiles' or 'regimes'), sorted."""
    data_dir = find_data_dir()
    folder = os.path.join(data_dir, kind) if data_dir else ''
    if not folder or not os.path.isdir(folder):
        return []
    return sorted(name[:-5] for name in os.listdir(folder) if name.endswith('.toml'))
