// Takes the README's screenshots: the real window and dialogs, with the real keychain, under
// whatever display it is given (tests/screenshots/take.sh runs it under Xvfb). Not a test.

#include "engine/consolesettings.h"
#include "engine/credentialvault.h"
#include "engine/keychainsecretstore.h"
#include "engine/providerhub.h"
#include "integrations/http/httpcore.h"
#include "providersimulator.h"
#include "ui/credentialdialog.h"
#include "ui/mainwindow.h"
#include "ui/providerspanel.h"
#include "ui/settingsdialog.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <cstdio>

using namespace agency;

namespace {

bool save(QWidget* widget, const QString& directory, const QString& name)
{
    QTest::qWait(300); // let the window manager-less display settle
    const QString path = QDir(directory).filePath(name);
    const bool ok = widget->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

void store(CredentialVault& vault, ProviderId provider, QMap<QString, QString> fields)
{
    Credential credential;
    credential.fields = std::move(fields);
    (void)QCoro::waitFor(vault.set(provider, Profile::Sandbox, credential));
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AgencyOSScreenshots"));
    const QString output = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs/screenshots");
    QDir().mkpath(output);

    QSettings qsettings;
    qsettings.clear();
    ConsoleSettings settings(qsettings);
    settings.setActiveProfile(Profile::Sandbox);
    KeychainSecretStore secrets(QStringLiteral("agency-console-screenshots"));
    CredentialVault vault(secrets, qsettings);
    for (ProviderId provider : allProviders())
        (void)QCoro::waitFor(vault.remove(provider, Profile::Sandbox));
    // Every provider in the Sandbox profile points at an in-process simulator; Redis at the real
    // server .ci/with-services started. Apollo's key is rate-limited and Vapi's is wrong, on purpose.
    sim::ProviderSimulator simulator(1);
    simulator.listen();
    const QString valid = QStringLiteral("sim-valid");
    for (ProviderId provider : sim::ProviderSimulator::simulatedProviders()) {
        settings.setBaseUrlOverride(provider, Profile::Sandbox, simulator.baseUrl(provider));
        QMap<QString, QString> fields;
        for (const CredentialFieldSpec& field : providerInfo(provider).fields) {
            if (field.optional)
                continue;
            fields.insert(field.name, field.secret ? valid : QStringLiteral("agency-demo"));
        }
        if (provider == ProviderId::Twilio)
            fields[QStringLiteral("account_sid")] = QString(QStringLiteral("AC") + QString(32, u'0'));
        if (provider == ProviderId::Supabase)
            fields[QStringLiteral("project_url")] = QStringLiteral("https://demo.supabase.co");
        if (provider == ProviderId::Apollo)
            fields[QStringLiteral("api_key")] = QStringLiteral("sim-ratelimited");
        if (provider == ProviderId::Vapi)
            fields[QStringLiteral("api_key")] = QStringLiteral("not-a-valid-key");
        store(vault, provider, fields);
    }
    if (qEnvironmentVariableIsSet("AGENCY_TEST_REDIS_URL"))
        store(vault, ProviderId::Redis,
              {{QStringLiteral("url"), qEnvironmentVariable("AGENCY_TEST_REDIS_URL")},
               {QStringLiteral("password"), qEnvironmentVariable("AGENCY_TEST_REDIS_PASSWORD")}});

    QNetworkAccessManager network;
    HttpCore core(network);
    ProviderHub hub(vault, settings, core);
    MainWindow window(vault, settings, hub);
    QSignalSpy refreshed(window.providersPanel(), &ProvidersPanel::refreshed);
    window.resize(1480, 680);
    window.show();
    refreshed.wait(20000);
    QSignalSpy tested(window.providersPanel(), &ProvidersPanel::testAllFinished);
    window.providersPanel()->testAll();
    tested.wait(60000);
    bool ok = save(&window, output, QStringLiteral("providers-panel.png"));

    auto* dialog = new CredentialDialog(vault, ProviderId::Twilio, Profile::Sandbox, &window);
    QSignalSpy loaded(dialog, &CredentialDialog::loaded);
    dialog->show();
    loaded.wait(20000);
    ok = save(dialog, output, QStringLiteral("credential-dialog.png")) && ok;
    dialog->close();

    SettingsDialog settingsDialog(settings, &window);
    settingsDialog.show();
    ok = save(&settingsDialog, output, QStringLiteral("settings-dialog.png")) && ok;

    for (ProviderId provider : allProviders())
        (void)QCoro::waitFor(vault.remove(provider, Profile::Sandbox));
    return ok ? 0 : 1;
}
