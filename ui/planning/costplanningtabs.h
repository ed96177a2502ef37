#pragma once

#include "planning/burndown.h"
#include "pricing/costledger.h"

#include <QTabWidget>

namespace RagScope {

class BurnDownPanel;
class Panel;
class ReconciliationModel;
class WhatIfPanel;

/// The Cost page's planning views as tabs: the month's budget burn-down, the reconciliation of
/// stored and recomputed cost, and what-if re-pricing.
class CostPlanningTabs : public QTabWidget
{
    Q_OBJECT
public:
    enum Tab { BurnDownTab, ReconciliationTab, WhatIfTab };

    explicit CostPlanningTabs(QWidget* parent = nullptr);

    void setLedger(const CostLedger& ledger);
    void setBurnDown(const BurnDown& plan);
    void clear(const QString& message);
    void setBusy(bool busy);
    /// "burndown", "reconciliation", "whatif": the tabs by name (screenshots).
    static QStringList views();
    /// Selects a tab by name; "whatif" also picks the demo's example scenario.
    void showView(const QString& view);

    BurnDownPanel* burnDown() const { return m_burnDown; }
    WhatIfPanel* whatIf() const { return m_whatIf; }
    ReconciliationModel* reconciliation() const { return m_reconciliation; }

private:
    BurnDownPanel* m_burnDown;
    ReconciliationModel* m_reconciliation;
    Panel* m_reconciliationPanel;
    WhatIfPanel* m_whatIf;
};

} // namespace RagScope
