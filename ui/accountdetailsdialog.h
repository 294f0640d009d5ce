#pragma once
// AccountDetailsDialog: everything a credential check reported for one provider — state, plan,
// balance, quotas, rate limits, latency, and the provider's own error words with its request id.

#include "integrations/providerclient.h"

#include <QDialog>

namespace agency {

class AccountDetailsDialog : public QDialog
{
    Q_OBJECT
public:
    AccountDetailsDialog(ProviderId provider, const AccountStatus& status, QWidget* parent = nullptr);
};

} // namespace agency
