// Every string the application shows has its French: lupdate is run on the sources into a
// copy of app/i18n/zanplan_fr.ts, and no message of the result may be unfinished or empty.
// (A string added to the sources without its translation shows up as unfinished here.)
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

namespace {

struct Untranslated {
  QStringList sources;
  int messages = 0;
};

Untranslated untranslated_in(const QString& ts_path) {
  QFile file(ts_path);
  EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << ts_path.toStdString();
  QXmlStreamReader xml(&file);
  Untranslated result;
  QString context, source;
  while (!xml.atEnd()) {
    if (xml.readNext() != QXmlStreamReader::StartElement) continue;
    if (xml.name() == QStringLiteral("name")) context = xml.readElementText();
    if (xml.name() == QStringLiteral("message")) ++result.messages;
    if (xml.name() == QStringLiteral("source")) source = xml.readElementText();
    if (xml.name() == QStringLiteral("translation")) {
      const QString type = xml.attributes().value(QStringLiteral("type")).toString();
      const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
      if (!type.isEmpty() || text.trimmed().isEmpty()) result.sources << context + QStringLiteral(": ") + source;
    }
  }
  EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
  return result;
}

TEST(Translations, EveryStringOfTheApplicationHasItsFrench) {
  QTemporaryDir dir;
  const QString ts = dir.filePath(QStringLiteral("zanplan_fr.ts"));
  ASSERT_TRUE(QFile::copy(QStringLiteral(ZANPLAN_TS_FILE), ts));
  QFile::setPermissions(ts, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
  QProcess lupdate;
  lupdate.start(QStringLiteral(ZANPLAN_LUPDATE),
                {QStringLiteral(ZANPLAN_APP_SOURCES), QStringLiteral(ZANPLAN_MAPS_SOURCES), QStringLiteral("-no-obsolete"),
                 QStringLiteral("-locations"), QStringLiteral("none"), QStringLiteral("-ts"), ts});
  ASSERT_TRUE(lupdate.waitForFinished(120'000));
  ASSERT_EQ(lupdate.exitCode(), 0) << lupdate.readAllStandardError().toStdString();

  const Untranslated missing = untranslated_in(ts);
  EXPECT_GT(missing.messages, 100);
  EXPECT_TRUE(missing.sources.isEmpty()) << missing.sources.size() << " strings without French:\n"
                                         << missing.sources.join(QLatin1Char('\n')).toStdString();
}

}  // namespace
