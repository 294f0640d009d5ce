// Settings → Enrichment: the page shows what is stored, refuses settings that would make lookups
// pointless, stores the rest, and the running EnrichmentService takes them for its next lookup.

#include "engine/consolesettings.h"
#include "engine/enrichmentservice.h"
#include "simulatedproviders.h"
#include "ui/enrichmentsettingspage.h"
#include "ui/settingsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QRadioButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QtTest>

using namespace agency;

class TestEnrichmentSettings : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    std::unique_ptr<QSettings> freshSettings(const QString& name)
    {
        return std::make_unique<QSettings>(m_dir.filePath(name), QSettings::IniFormat);
    }

private Q_SLOTS:
    void showsTheStoredSettings()
    {
        auto qsettings = freshSettings(QStringLiteral("shown.ini"));
        ConsoleSettings settings(*qsettings);
        EnrichmentSettings stored;
        stored.order = {ProviderId::Clay, ProviderId::Apollo};
        stored.defaultRequired = {EnrichField::Phone, EnrichField::Title};
        stored.cacheTtl = std::chrono::hours(24 * 7);
        stored.clayRoutineId = QStringLiteral("routine-enrich-person");
        stored.clayCreditsPerItem = 3;
        stored.teamCache = true;
        settings.setEnrichmentSettings(stored);

        EnrichmentSettingsPage page(settings);
        QCOMPARE(page.orderCombo()->currentIndex(), 2);
        QVERIFY(!page.requiredCheckBox(EnrichField::Email)->isChecked());
        QVERIFY(page.requiredCheckBox(EnrichField::Phone)->isChecked());
        QVERIFY(page.requiredCheckBox(EnrichField::Title)->isChecked());
        QCOMPARE(page.ttlSpin()->value(), 7);
        QVERIFY(page.teamCacheButton()->isChecked());
        QCOMPARE(page.clayRoutineEdit()->text(), QStringLiteral("routine-enrich-person"));
        QCOMPARE(page.clayCreditsSpin()->value(), 3);
        const EnrichmentSettings shown = page.settings();
        QCOMPARE(shown.order, stored.order);
        QCOMPARE(shown.defaultRequired, stored.defaultRequired);
        QCOMPARE(shown.cacheTtl, stored.cacheTtl);
    }

    void refusesPointlessSettingsAndStoresNothing()
    {
        auto qsettings = freshSettings(QStringLiteral("refused.ini"));
        ConsoleSettings settings(*qsettings);
        EnrichmentSettingsPage page(settings);
        page.requiredCheckBox(EnrichField::Email)->setChecked(false);
        QVERIFY(!page.apply());
        QVERIFY(page.problemText().contains(QStringLiteral("at least one field")));
        QCOMPARE(settings.enrichmentSettings().defaultRequired, QSet<EnrichField>{EnrichField::Email});

        page.requiredCheckBox(EnrichField::Email)->setChecked(true);
        page.orderCombo()->setCurrentIndex(3); // Clay only
        QVERIFY(!page.apply());
        QVERIFY(page.problemText().contains(QStringLiteral("Clay routine")));
        page.clayRoutineEdit()->setText(QStringLiteral("routine id; DROP"));
        QVERIFY(!page.apply());
        QVERIFY(page.problemText().contains(QStringLiteral("routine id; DROP")));
        QCOMPARE(settings.enrichmentSettings().order,
                 (QList<ProviderId>{ProviderId::Apollo, ProviderId::Clay}));

        // The dialog refuses too, and opens the page that says why.
        SettingsDialog dialog(settings);
        dialog.enrichmentPage()->requiredCheckBox(EnrichField::Email)->setChecked(false);
        QVERIFY(!dialog.apply());
        QCOMPARE(dialog.tabs()->currentWidget(), dialog.enrichmentPage());
    }

    void theRunningServiceTakesSavedSettings()
    {
        sim::ProviderSimulator simulator(3);
        QVERIFY(simulator.listen());
        test::SimulatedProviders providers(simulator, m_dir.filePath(QStringLiteral("service.ini")));
        EnrichmentService service(providers.hub, providers.settings, nullptr);
        service.setSettings(providers.settings.enrichmentSettings());
        QCOMPARE(service.settings().cacheTtl, std::chrono::seconds(std::chrono::hours(24 * 30)));

        EnrichmentSettingsPage page(providers.settings);
        page.ttlSpin()->setValue(90);
        page.requiredCheckBox(EnrichField::Phone)->setChecked(true);
        page.orderCombo()->setCurrentIndex(1); // Apollo only
        QVERIFY2(page.apply(), qPrintable(page.problemText()));
        QCOMPARE(service.settings().cacheTtl, std::chrono::seconds(std::chrono::hours(24 * 90)));
        QVERIFY(service.settings().defaultRequired.contains(EnrichField::Phone));
        QCOMPARE(service.settings().order, QList<ProviderId>{ProviderId::Apollo});
        // Stored, so the next start reads the same.
        QCOMPARE(providers.settings.enrichmentSettings().cacheTtl, service.settings().cacheTtl);
    }
};

QTEST_MAIN(TestEnrichmentSettings)
#include "tst_enrichment_settings.moc"
