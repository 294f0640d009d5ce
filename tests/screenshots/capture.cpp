// Takes the README's screenshots: the real window and dialogs, with the real keychain, under
// whatever display it is given (tests/screenshots/take.sh runs it under Xvfb). Not a test.

#include "engine/consolesettings.h"
#include "engine/credentialvault.h"
#include "engine/keychainsecretstore.h"
#include "engine/providerhub.h"
#include "integrations/http/httpcore.h"
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
    const QString valid = QStringLiteral("sim-valid");
    store(vault, ProviderId::Apollo, {{QStringLiteral("api_key"), valid}});
    store(vault, ProviderId::Resend, {{QStringLiteral("api_key"), valid}});
    store(vault, ProviderId::Twilio,
          {{QStringLiteral("account_sid"), QStringLiteral("AC00000000000000000000000000000000")},
           {QStringLiteral("auth_token"), valid}});
    store(vault, ProviderId::Anthropic, {{QStringLiteral("api_key"), valid}});

    QNetworkAccessManager network;
    HttpCore core(network);
    ProviderHub hub(vault, settings, core);
    MainWindow window(vault, settings, hub);
    QSignalSpy refreshed(window.providersPanel(), &ProvidersPanel::refreshed);
    window.resize(1180, 640);
    window.show();
    refreshed.wait(20000);
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
