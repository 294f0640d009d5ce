#include "consoleapp.h"

#include "engine/consolesettings.h"
#include "engine/credentialvault.h"
#include "engine/keychainsecretstore.h"
#include "engine/logcategories.h"
#include "engine/logfile.h"
#include "engine/providerhub.h"
#include "integrations/http/httpcore.h"
#include "ui/mainwindow.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QStandardPaths>

namespace agency {

ConsoleApp::ConsoleApp(const QString& keychainService)
    : m_log(std::make_unique<LogFile>(QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                                          .filePath(QStringLiteral("logs/console.log"))))
    , m_qsettings(std::make_unique<QSettings>())
    , m_settings(std::make_unique<ConsoleSettings>(*m_qsettings))
    , m_secretStore(std::make_unique<KeychainSecretStore>(keychainService))
    , m_vault(std::make_unique<CredentialVault>(*m_secretStore, *m_qsettings))
    , m_network(std::make_unique<QNetworkAccessManager>())
    , m_core(std::make_unique<HttpCore>(*m_network))
    , m_hub(std::make_unique<ProviderHub>(*m_vault, *m_settings, *m_core))
{
    m_log->install();
    qCInfo(lcApp) << "Agency OS Console" << AGENCY_VERSION << "starting; profile"
                  << profileKey(m_settings->activeProfile());
}

ConsoleApp::~ConsoleApp()
{
    m_qsettings->sync();
}

QString ConsoleApp::logPath() const
{
    return m_log->path();
}

std::unique_ptr<MainWindow> ConsoleApp::createMainWindow()
{
    return std::make_unique<MainWindow>(*m_vault, *m_settings, *m_hub);
}

QString ConsoleApp::defaultKeychainService()
{
    return QStringLiteral("Agency OS Console");
}

} // namespace agency
