"""The one thing the plugin reads in a profile: its name, which names the program's outputs
(the `sites_NAME` table, `sites-NAME.gpkg`)."""
import tomllib

from qgis.core import QgsProcessingException


def profile_name(path):
    try:
        with open(path, 'rb') as file:
            name = tomllib.load(file).get('name')
    except OSError as error:
        raise QgsProcessingException(f'{path}: cannot read the profile: {error.strerror}') from error
    except tomllib.TOMLDecodeError as error:
        raise QgsProcessingException(f'{path}: {error}') from error
    if not isinstance(name, str) or not name:
        raise QgsProcessingException(f'{path}: the profile has no name')
    return name
