#include "csvcell.h"

namespace agency {

QString csvCell(const QString& value, FormulaGuard guard)
{
    QString field = value;
    if (guard != FormulaGuard::None && !field.isEmpty() && QStringView(u"=+-@").contains(field.front())) {
        bool numeric = false;
        if (guard == FormulaGuard::KeepNumbers)
            field.toDouble(&numeric); // only to tell a signed amount from a formula; never stored
        if (!numeric)
            field.prepend(u'\'');
    }
    if (field.contains(u',') || field.contains(u'"') || field.contains(u'\n') || field.contains(u'\r'))
        return u'"' + field.replace(u'"', QStringLiteral("\"\"")) + u'"';
    return field;
}

} // namespace agency
