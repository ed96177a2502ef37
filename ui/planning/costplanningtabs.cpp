#include "costplanningtabs.h"

#include "burndownpanel.h"
#include "charts/exportpanels.h"
#include "export/metricscsv.h"
#include "reconciliationmodel.h"
#include "whatifpanel.h"
#include "widgets/panel.h"

namespace RagScope {

CostPlanningTabs::CostPlanningTabs(QWidget* parent)
    : QTabWidget(parent)
    , m_burnDown(new BurnDownPanel(this))
    , m_reconciliation(new ReconciliationModel(this))
    , m_whatIf(new WhatIfPanel(this))
{
    setObjectName(QStringLiteral("costPlanningTabs"));
    m_reconciliationPanel = ExportPanels::tablePanel(
        tr("Stored vs recomputed cost per day and model"), m_reconciliation, ReconciliationModel::SortRole,
        QStringLiteral("cost-reconciliation.csv"),
        [this] { return MetricsCsv::reconciliation(m_reconciliation->rows()); }, this);
    m_reconciliationPanel->setObjectName(QStringLiteral("reconciliationTable"));
    addTab(m_burnDown, tr("Budget burn-down"));
    addTab(m_reconciliationPanel, tr("Reconciliation"));
    addTab(m_whatIf, tr("What-if"));
}

void CostPlanningTabs::setLedger(const CostLedger& ledger)
{
    const QList<CostReconciliation> rows = ledger.reconciliation();
    m_reconciliation->setRows(rows);
    const int mismatches = m_reconciliation->mismatches();
    m_reconciliationPanel->setMessage(rows.isEmpty() ? tr("No interactions in this window") : QString());
    m_reconciliationPanel->setTitle(mismatches == 0
            ? tr("Stored vs recomputed cost per day and model: they agree")
            : tr("Stored vs recomputed cost per day and model: %n row(s) differ", nullptr, mismatches));
    m_whatIf->setLedger(ledger);
}

void CostPlanningTabs::setBurnDown(const BurnDown& plan)
{
    m_burnDown->setBurnDown(plan);
}

void CostPlanningTabs::clear(const QString& message)
{
    m_reconciliation->setRows({});
    m_reconciliationPanel->setMessage(message);
    m_whatIf->clear();
    m_burnDown->clear();
}

QStringList CostPlanningTabs::views()
{
    return { QStringLiteral("burndown"), QStringLiteral("reconciliation"), QStringLiteral("whatif") };
}

void CostPlanningTabs::showView(const QString& view)
{
    const qsizetype tab = views().indexOf(view);
    if (tab < 0)
        return;
    setCurrentIndex(int(tab));
    if (tab == WhatIfTab) // move half of the demo's pro traffic to the flash price
        m_whatIf->choose(QStringLiteral("gemini-1.5-pro-latest"), QStringLiteral("gemini-1.5-flash"), 50);
}

void CostPlanningTabs::setBusy(bool busy)
{
    m_reconciliationPanel->setBusy(busy);
}

} // namespace RagScope
