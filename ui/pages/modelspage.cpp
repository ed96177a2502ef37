#include "modelspage.h"

#include "charts/exportpanels.h"
#include "comparison/abpanel.h"
#include "comparison/modelcomparer.h"
#include "comparison/modelscsv.h"
#include "feedback/drilldownquery.h"
#include "jobs/latestjob.h"
#include "models/modelcomparisonmodel.h"
#include "widgets/panel.h"

#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace RagScope {

namespace {

/// The named models of a comparison, busiest first (the default A and B).
QStringList busiestNames(const ModelComparison& c)
{
    QList<ModelFigures> named;
    for (const ModelFigures& m : c.models) {
        if (m.model)
            named << m;
    }
    std::stable_sort(named.begin(), named.end(),
        [](const ModelFigures& x, const ModelFigures& y) { return x.requests > y.requests; });
    QStringList names;
    for (const ModelFigures& m : std::as_const(named))
        names << *m.model;
    return names;
}

QStringList sortedNames(const ModelComparison& c)
{
    QStringList names;
    for (const ModelFigures& m : c.models) {
        if (m.model)
            names << *m.model;
    }
    return names;
}

} // namespace

ModelsPage::ModelsPage(QWidget* parent)
    : MetricsPage(parent)
    , m_tableJob(addJob())
    , m_abJob(new LatestJob(this)) // on demand, when the user picks other models
    , m_model(new ModelComparisonModel(this))
    , m_ab(new AbPanel)
{
    m_tablePanel = ExportPanels::tablePanel(
        tr("Models in this window — ratings are those of the answers each model produced in the window "
           "(by interaction time)"),
        m_model, ModelComparisonModel::SortRole, QStringLiteral("models.csv"),
        [this] { return ModelsCsv::table(m_model->comparison()); }, this);
    m_tablePanel->setObjectName(QStringLiteral("modelsTable"));
    // Columns as wide as their content; no column stretched to fill the panel.
    ExportPanels::tableView(m_tablePanel)->horizontalHeader()->setStretchLastSection(false);
    m_abPanel = new Panel(tr("A/B: model A against model B"), this);
    m_abPanel->setObjectName(QStringLiteral("abPanel"));
    m_abPanel->setContent(m_ab);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tablePanel, 2);
    layout->addWidget(m_abPanel, 3);

    connect(m_tableJob, &LatestJob::busyChanged, m_tablePanel, &Panel::setBusy);
    connect(m_tableJob, &LatestJob::busyChanged, m_abPanel, &Panel::setBusy);
    connect(m_abJob, &LatestJob::busyChanged, m_abPanel, &Panel::setBusy);
    connect(m_ab, &AbPanel::modelsChosen, this, &ModelsPage::loadAb);
    ExportPanels::tableView(m_tablePanel)->setToolTip(tr("Double-click a model to review its answers."));
    // Drill-downs: a model's row lists its interactions; a week of the A/B chart, that week's.
    connect(ExportPanels::tableView(m_tablePanel), &QTableView::doubleClicked, this,
        [this](const QModelIndex& index) {
            const QString name = index.siblingAtColumn(ModelComparisonModel::Model)
                                     .data(ModelComparisonModel::SortRole)
                                     .toString();
            for (const ModelFigures& m : m_model->comparison().models) {
                if (m.model && m.displayName() == name) {
                    ReviewQueueQuery query = bucketDrillDown(filter(), filter().from, filter().to);
                    query.filter.model = m.model;
                    emit drillDown(query);
                }
            }
        });
    connect(m_ab, &AbPanel::weekClicked, this, [this](const QDate& monday, const QString& model) {
        const QDateTime start(monday, QTime(0, 0), Qt::UTC);
        ReviewQueueQuery query = bucketDrillDown(filter(), start, start.addDays(7));
        query.filter.model = model;
        emit drillDown(query);
    });
    clear(tr("No store open"));
}

QString ModelsPage::title() const
{
    return tr("Models");
}

void ModelsPage::reload()
{
    if (!beginLoad())
        return;
    const StorePtr store = this->store();
    const Filter filter = this->filter();
    const QString a = m_ab->modelA();
    const QString b = m_ab->modelB();
    m_abJob->cancel();
    m_tableJob->start(
        [store, filter, a, b]() -> Result<Loaded> {
            const ModelComparer comparer(store);
            RAGSCOPE_TRY(comparison, comparer.compare(filter));
            Loaded loaded { comparison, std::nullopt };
            // Keep the user's pair when both models are still there, else the two busiest.
            QString first = a;
            QString second = b;
            const QStringList busiest = busiestNames(comparison);
            if (!busiest.contains(first) || !busiest.contains(second) || first == second) {
                if (busiest.size() < 2)
                    return loaded;
                first = busiest[0];
                second = busiest[1];
            }
            RAGSCOPE_TRY(ab, comparer.compare(comparison, first, second));
            loaded.ab = ab;
            return loaded;
        },
        [this](const Result<Loaded>& result) {
            if (result.ok())
                showLoaded(result.value());
            finishPanel(result.ok() ? std::nullopt : std::optional(result.error()));
        });
}

void ModelsPage::showLoaded(const Loaded& loaded)
{
    m_model->setData(loaded.comparison);
    m_tablePanel->setMessage(
        loaded.comparison.models.isEmpty() ? tr("No interactions in this window") : QString());
    const QStringList names = sortedNames(loaded.comparison);
    if (!loaded.ab) {
        m_ab->setModels(names, QString(), QString());
        m_ab->clear();
        m_abPanel->setMessage(tr("The A/B comparison needs two models with interactions in this window"));
        return;
    }
    m_ab->setModels(names, loaded.ab->a, loaded.ab->b);
    m_ab->setComparison(*loaded.ab);
    m_abPanel->setMessage(QString());
}

void ModelsPage::loadAb(const QString& a, const QString& b)
{
    if (m_tableJob->isBusy()) { // the table is for another window: load both for the new pair
        reload();
        return;
    }
    const StorePtr store = this->store();
    const ModelComparison shown = m_model->comparison(); // the table's figures: only the weeks are read
    if (!store || a.isEmpty() || b.isEmpty())
        return;
    m_abJob->start([store, shown, a, b] { return ModelComparer(store).compare(shown, a, b); },
        [this](const Result<AbComparison>& result) {
            if (result.ok())
                m_ab->setComparison(result.value());
            else
                emit storeError(result.error());
        });
}

void ModelsPage::clear(const QString& message)
{
    m_abJob->cancel();
    m_model->setData({});
    m_ab->setModels({}, QString(), QString());
    m_ab->clear();
    m_tablePanel->setMessage(message);
    m_abPanel->setMessage(message);
}

} // namespace RagScope
