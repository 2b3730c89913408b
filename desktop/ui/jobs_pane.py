"""The Jobs pane: search-as-you-type over the cached feed, filters, job cards and a detail view."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.capabilities import Capabilities
from desktop.core.highlight import excerpt
from desktop.core.match import Match
from desktop.core.models import ExperienceLevel, Job, JobFilter, JobSort, JobType, SavedSearch
from desktop.presenters.jobs import JobMarks, JobsPresenter, JobsSnapshot, View
from desktop.ui import format as fmt
from desktop.ui import theme
from desktop.ui.job_match import GOOD_MATCH, MatchBox, score_text
from desktop.ui.jobs_model import JobsModel
from desktop.ui.links import open_in_browser
from desktop.ui.protocols import Bus, Database, SavedSearchActions
from desktop.ui.resources import icon
from desktop.ui.saved_searches import SavedSearchBar, ask_search_name
from desktop.ui.tasks import TaskRunner
from desktop.ui.untrusted import tooltip
from desktop.ui.widgets import (
    Chip,
    ElidedLabel,
    ElidingComboBox,
    EmptyStack,
    FittedTextBrowser,
    FlowLayout,
    VerticalScrollArea,
    draw_marked,
    plain_label,
    set_role,
)

SEARCH_DEBOUNCE_MS = 150
UNDO_FOR_MS = 10_000
"""How long "Undo" is offered after a job is hidden."""

log = logging.getLogger("atelier.ui")
Index = QModelIndex | QPersistentModelIndex


class JobCardDelegate(QStyledItemDelegate):
    """Paints a job as a card: title and budget, type · level · age, a snippet, client and competition."""

    PAD = 14
    GAP = 5
    MARGIN_X = 12
    MARGIN_Y = 5

    def _fonts(self, base: QFont) -> tuple[QFont, QFont, QFont]:
        title = QFont(base)
        title.setBold(True)
        title.setPointSizeF(base.pointSizeF() + 1.5)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() - 0.5)
        return title, base, small

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        title, body, small = self._fonts(option.font)
        h = (
            QFontMetrics(title).height()
            + QFontMetrics(small).height() * 2
            + QFontMetrics(body).height()
            + self.GAP * 3
            + self.PAD * 2
            + self.MARGIN_Y * 2
        )
        return QSize(240, h)

    @staticmethod
    def _query(index: Index) -> str:
        model = index.model()
        return model.filter.query if isinstance(model, JobsModel) else ""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        job = index.data(JobsModel.JobRole)
        if not isinstance(job, Job):
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        pal: QPalette = opt.palette
        rect: QRect = opt.rect
        state = opt.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hover = bool(state & QStyle.StateFlag.State_MouseOver)
        title_f, body_f, small_f = self._fonts(opt.font)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(rect.adjusted(self.MARGIN_X, self.MARGIN_Y, -self.MARGIN_X, -self.MARGIN_Y))
        bg = theme.accent_soft(pal) if selected else theme.card(pal)
        edge = theme.accent(pal) if selected else theme.border(pal).darker(115 if hover else 100)
        painter.setPen(edge)
        painter.setBrush(bg)
        painter.drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), 10, 10)

        text = pal.color(QPalette.ColorRole.Text)
        muted = theme.muted(pal)
        inner = card.adjusted(self.PAD, self.PAD - 2, -self.PAD, -self.PAD)
        x, y, w = inner.x(), inner.y(), inner.width()

        # line 1: title · budget (right)
        budget = fmt.budget_text(job)
        painter.setFont(title_f)
        tfm = QFontMetrics(title_f)
        budget_w = tfm.horizontalAdvance(budget)
        painter.setPen(text)
        title_w = int(w - budget_w - 16)
        query = self._query(index)
        draw_marked(painter, QRectF(x, y, title_w, tfm.height()), job.title, query, theme.mark(pal))
        painter.setPen(theme.accent(pal) if not selected else text)
        painter.drawText(
            QRectF(x + w - budget_w, y, budget_w, tfm.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            budget,
        )
        y += tfm.height() + self.GAP

        # line 2: type · level · age
        painter.setFont(small_f)
        sfm = QFontMetrics(small_f)
        meta = " · ".join(
            [
                self.tr("Posted %1").replace("%1", fmt.ago(job.posted_at)),
                fmt.job_type_text(job.job_type),
                fmt.experience_text(job.experience_level),
                job.category,
            ]
        )
        meta_x = x
        if job.status not in ("open", ""):  # the marketplace no longer takes proposals for it
            closed = self.tr("Closed") + " · "
            painter.setPen(theme.warning(pal))
            painter.drawText(QRectF(x, y, w, sfm.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, closed)
            meta_x += sfm.horizontalAdvance(closed)
        score = index.data(JobsModel.ScoreRole)
        score_w = 0
        if isinstance(score, int) and score > 0:  # 0: the profile (and so the score) is not known yet
            label = score_text(score)
            score_w = sfm.horizontalAdvance(label) + 12
            painter.setPen(theme.accent(pal) if score >= GOOD_MATCH else muted)
            painter.drawText(QRectF(x + w - score_w, y, score_w, sfm.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        painter.setPen(muted)
        meta_w = int(w - (meta_x - x) - score_w)
        painter.drawText(
            QRectF(meta_x, y, meta_w, sfm.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            sfm.elidedText(meta, Qt.TextElideMode.ElideRight, meta_w),
        )
        y += sfm.height() + self.GAP

        # line 3: description snippet (plain text, one line)
        painter.setFont(body_f)
        bfm = QFontMetrics(body_f)
        snippet, cut = excerpt(" ".join(job.description.split()), query)  # from near the first match
        painter.setPen(text)
        draw_marked(painter, QRectF(x, y, w, bfm.height()), ("…" if cut else "") + snippet, query,
                    theme.mark(pal))
        y += bfm.height() + self.GAP

        # line 4: client trust and competition
        painter.setFont(small_f)
        parts: list[tuple[str, QColor]] = []
        if job.client.payment_verified:
            parts.append((self.tr("✓ Payment verified"), theme.accent(pal)))
        else:
            parts.append((self.tr("Payment unverified"), muted))
        parts.append((fmt.rating_text(job.client.rating), theme.warning(pal) if job.client.rating else muted))
        parts.append((self.tr("Proposals: %1").replace("%1", fmt.proposals_band(job.proposals_count)), muted))
        if job.client.country:
            parts.append((job.client.country, muted))
        cx = x
        sep = "  ·  "
        for i, (label, color) in enumerate(parts):
            if i:
                needed = sfm.horizontalAdvance(sep) + min(sfm.horizontalAdvance(label), 48)
                if cx + needed > x + w:
                    break
                painter.setPen(muted)
                painter.drawText(QRectF(cx, y, w, sfm.height()), Qt.AlignmentFlag.AlignVCenter, sep)
                cx += sfm.horizontalAdvance(sep)
            remaining = x + w - cx
            shown = sfm.elidedText(label, Qt.TextElideMode.ElideRight, int(remaining))
            painter.setPen(color)
            painter.drawText(QRectF(cx, y, remaining, sfm.height()), Qt.AlignmentFlag.AlignVCenter, shown)
            cx += sfm.horizontalAdvance(shown)
        painter.restore()


class JobDetail(QWidget):
    """The selected job: facts, client, skills, the description as plain text, and "Write proposal"."""

    writeProposal = Signal(object)  # Job
    saveToggled = Signal(object, bool)  # Job, saved
    hideRequested = Signal(object)  # Job

    def __init__(self, parent: QWidget | None = None, capabilities: Capabilities | None = None) -> None:
        super().__init__(parent)
        self._job: Job | None = None
        self._applied = False
        self._match: Match | None = None
        self._saved = False
        self._currency = "USD"
        self.offers_marks = False
        self.capabilities = capabilities
        self.setObjectName("detail")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

        # Everything but the actions scrolls as one page (a small window shows it all, in turn); the
        # actions stay at the bottom, always in reach.
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        page = QWidget()
        page.setObjectName("detailPage")
        outer = QVBoxLayout(page)
        outer.setContentsMargins(24, 20, 24, 12)
        outer.setSpacing(12)
        self.scroller = VerticalScrollArea(page)
        root.addWidget(self.scroller, 1)

        self.title = plain_label("", "h1", wrap=True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = plain_label("", "muted", wrap=True)
        outer.addWidget(self.title)
        outer.addWidget(self.meta)

        facts = QGridLayout()
        facts.setHorizontalSpacing(24)
        facts.setVerticalSpacing(2)
        self._fact_values: dict[str, QLabel] = {}
        for i, (key, caption) in enumerate(
            [
                ("budget", self.tr("Budget")),
                ("level", self.tr("Experience")),
                ("duration", self.tr("Duration")),
                ("proposals", self.tr("Proposals")),
            ]
        ):
            row, col = 3 * (i // 2), i % 2
            facts.addWidget(plain_label(caption.upper(), "section", wrap=True), row, col)
            # The budget is money: never wrapped, never cut. The others (server text) wrap.
            value = plain_label("", "h2", wrap=key != "budget")
            self._fact_values[key] = value
            facts.addWidget(value, row + 1, col)
        facts.setRowMinimumHeight(2, 8)
        facts.setColumnStretch(0, 1)
        facts.setColumnStretch(1, 1)
        outer.addLayout(facts)

        self.skills_box = QWidget()
        self.skills = FlowLayout(self.skills_box)
        outer.addWidget(self.skills_box)

        self.match_box = MatchBox()
        self.match_box.hide()
        outer.addWidget(self.match_box)

        outer.addWidget(plain_label(self.tr("ABOUT THE CLIENT"), "section"))
        self.client_name = ElidedLabel("")
        set_role(self.client_name, "h2")
        self.client_trust = plain_label("", wrap=True)
        self.client_more = plain_label("", "muted", wrap=True)
        client_box = QVBoxLayout()
        client_box.setSpacing(2)
        client_box.addWidget(self.client_name)
        client_box.addWidget(self.client_trust)
        client_box.addWidget(self.client_more)
        outer.addLayout(client_box)

        outer.addWidget(plain_label(self.tr("DESCRIPTION"), "section"))
        self.description = FittedTextBrowser()
        self.description.setObjectName("plainBody")
        self.description.setOpenLinks(False)
        self.description.setOpenExternalLinks(False)
        self.description.setAcceptRichText(False)
        self.description.document().setDocumentMargin(0)
        outer.addWidget(self.description)
        outer.addStretch(1)

        footer = QWidget()
        footer.setObjectName("detailFooter")
        bottom = QVBoxLayout(footer)
        bottom.setContentsMargins(24, 10, 24, 14)
        bottom.setSpacing(6)
        self.write_button = QPushButton(self.tr("Write proposal"))
        self.write_button.setObjectName("primary")
        self.write_button.setMinimumHeight(36)
        self.write_button.clicked.connect(self._on_write)
        self.browser_button = QPushButton(self.tr("Open in browser"))
        self.browser_button.setMinimumHeight(36)
        self.browser_button.clicked.connect(self._open_in_browser)
        self.browser_button.hide()
        self.save_button = QPushButton(icon("star"), self.tr("Save job"))
        self.save_button.setCheckable(True)
        self.save_button.setMinimumHeight(36)
        self.save_button.setToolTip(self.tr("Keep this job in your saved jobs, on this computer"))
        self.save_button.clicked.connect(self._on_save)
        self.hide_button = QPushButton(self.tr("Hide"))
        self.hide_button.setMinimumHeight(36)
        self.hide_button.setToolTip(self.tr("Hide this job from the feed and your saved searches' counts"))
        self.hide_button.clicked.connect(self._on_hide)
        buttons = FlowLayout(spacing=10)
        buttons.addWidget(self.write_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.hide_button)
        buttons.addWidget(self.browser_button)
        bottom.addLayout(buttons)
        self.applied_label = plain_label("", "muted", wrap=True)
        self.connects_label = plain_label("", "muted", wrap=True)
        bottom.addWidget(self.connects_label)
        bottom.addWidget(self.applied_label)
        root.addWidget(footer)

    @property
    def job(self) -> Job | None:
        return self._job

    def show_job(self, job: Job, applied: bool = False, match: Match | None = None, saved: bool = False,
                 currency: str = "USD") -> None:
        self._job = job
        self._applied = applied
        self._match, self._saved, self._currency = match, saved, currency
        self.match_box.show_match(match, currency)
        self.save_button.setVisible(self.offers_marks)
        self.hide_button.setVisible(self.offers_marks)
        self.save_button.setChecked(saved)
        self.save_button.setText(self.tr("Saved") if saved else self.tr("Save job"))
        self.title.setText(job.title)
        self.meta.setText(
            " · ".join(
                [
                    job.category,
                    self.tr("Posted %1").replace("%1", fmt.ago(job.posted_at)),
                    fmt.job_type_text(job.job_type),
                ]
            )
        )
        self._fact_values["budget"].setText(fmt.budget_text(job))
        self._fact_values["level"].setText(fmt.experience_text(job.experience_level))
        self._fact_values["duration"].setText(job.duration or "—")
        self._fact_values["proposals"].setText(fmt.proposals_band(job.proposals_count))
        self.skills.clear()
        for skill in job.skills:
            self.skills.addWidget(Chip(skill, parent=self.skills_box))
        self.skills_box.setVisible(bool(job.skills))
        c = job.client
        self.client_name.setText(c.name)
        self.client_name.setVisible(bool(c.name))  # some marketplaces no longer name clients
        pal = self.palette()
        if c.payment_verified:
            self.client_trust.setText(self.tr("✓ Payment verified") + "   " + fmt.rating_text(c.rating))
            self.client_trust.setStyleSheet(f"color: {theme.accent(pal).name()};")
        else:
            self.client_trust.setText(self.tr("Payment unverified") + "   " + fmt.rating_text(c.rating))
            self.client_trust.setStyleSheet(f"color: {theme.muted(pal).name()};")
        more = [c.country] if c.country else []
        more.append(self.tr("%1 spent").replace("%1", fmt.short_money(c.total_spent)))
        more.append(self.tr("1 hire") if c.hires == 1 else self.tr("%1 hires").replace("%1", str(c.hires)))
        self.client_more.setText(" · ".join(more))
        self.description.setPlainText(job.description)  # untrusted: never rendered as HTML
        self.scroller.verticalScrollBar().setValue(0)  # another job: from its title
        closed = job.status not in ("open", "")
        self.write_button.setEnabled(not applied and not closed)
        self.write_button.setText(self.tr("Write proposal") if not applied else self.tr("Proposal sent"))
        if applied:
            note = self.tr("You already applied to this job.")
        elif closed:
            note = self.tr("This job no longer takes proposals.")
        else:
            note = ""
        self.applied_label.setText(note)
        self.applied_label.setVisible(bool(note))
        self.browser_button.setVisible(bool(job.url))
        self.browser_button.setToolTip(tooltip(job.url))
        knows_connects = self.capabilities is None or self.capabilities.connects_balance
        if knows_connects:
            self.connects_label.setText(
                self.tr("%1 connects · platform fee %2")
                .replace("%1", str(job.connects_required))
                .replace("%2", fmt.rate(job.fee_rate))
            )
        else:
            self.connects_label.setText(self.tr("Platform fee %1").replace("%1", fmt.rate(job.fee_rate)))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._job is not None:
            self.show_job(self._job, self._applied, self._match, self._saved, self._currency)  # re-tint

    def _on_write(self) -> None:
        if self._job is not None:
            self.writeProposal.emit(self._job)

    def _on_save(self, checked: bool) -> None:
        if self._job is not None:
            self.saveToggled.emit(self._job, checked)

    def _on_hide(self) -> None:
        if self._job is not None:
            self.hideRequested.emit(self._job)

    def _open_in_browser(self) -> None:
        if self._job is not None and self._job.url:
            open_in_browser(self._job.url)


class JobsPane(QWidget):
    """Jobs: search box, filters, a paged list of cards, and the selected job's detail."""

    newInSavedSearches = Signal(int)
    """How many jobs are new across the saved searches (for the sidebar's badge)."""

    def __init__(
        self,
        db: Database,
        bus: Bus,
        on_write_proposal: Callable[[Job], None],
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
        saved: SavedSearchActions | None = None,
        capabilities: Capabilities | None = None,
        marks: JobMarks | None = None,
    ) -> None:
        super().__init__(parent)
        self.capabilities = capabilities
        self.runner = runner or TaskRunner(self)
        # The pane's state (the search, its rows, the saved searches) lives in the presenter; the widget
        # shows its snapshots and hands it what the user does.
        self.presenter = JobsPresenter(db, bus, saved, marks)
        self._on_write_proposal = on_write_proposal
        self._shown = self.presenter.snapshot

        self.model = JobsModel(self, request_more=self.presenter.more)
        self.model.totalChanged.connect(self._update_count)
        self.model.modelReset.connect(self._update_empty)

        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)

        header = QWidget()
        header.setObjectName("paneHeader")
        hl = QVBoxLayout(header)
        hl.setContentsMargins(20, 16, 20, 10)
        hl.setSpacing(10)
        # The title on the left, the count and the list's buttons on the right (below it when narrow).
        top = FlowLayout(spacing=8, line_spacing=8)
        top.addWidget(set_role(QLabel(self.tr("Find work")), "h1"))
        actions = QWidget()
        actions_row = QHBoxLayout(actions)
        actions_row.setContentsMargins(0, 0, 0, 0)
        actions_row.setSpacing(8)
        self.count_label = plain_label("", "muted")
        actions_row.addWidget(self.count_label)
        self.hidden_button = QPushButton("")
        self.hidden_button.setFlat(True)
        self.hidden_button.setToolTip(self.tr("Show the jobs you hid again"))
        self.hidden_button.clicked.connect(self._ask_show_hidden)
        self.hidden_button.hide()
        self.saved_jobs_button = QPushButton(icon("star"), self.tr("Saved jobs"))
        self.saved_jobs_button.setCheckable(True)
        self.saved_jobs_button.setToolTip(self.tr("The jobs you saved, on this computer"))
        self.saved_jobs_button.toggled.connect(self.presenter.show_saved_jobs)
        self.saved_jobs_button.setVisible(self.presenter.offers_marks)
        self.save_search_button = QPushButton(icon("star"), self.tr("Save search"))
        self.save_search_button.setToolTip(self.tr("Keep this search and count the new jobs that match it"))
        self.save_search_button.clicked.connect(self._ask_save_search)
        self.save_search_button.setVisible(self.presenter.offers_saved_searches)
        for widget in (self.hidden_button, self.saved_jobs_button, self.save_search_button):
            actions_row.addWidget(widget)
        top.addWidget(actions)
        top.set_trailing(actions)
        hl.addLayout(top)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search jobs"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumHeight(34)
        hl.addWidget(self.search)
        self.saved_bar = SavedSearchBar()
        self.saved_bar.chosen.connect(self.apply_saved_search)
        self.saved_bar.deleteRequested.connect(self._delete_saved_search)
        self.saved_bar.notifyToggled.connect(self._set_saved_search_notify)
        hl.addWidget(self.saved_bar)

        # The filters wrap onto a second line in a narrow window rather than cut their texts.
        filters = FlowLayout(spacing=8, line_spacing=8)
        self.type_combo = QComboBox()
        self.type_combo.addItem(self.tr("Any job type"), None)
        self.type_combo.addItem(self.tr("Hourly"), JobType.HOURLY)
        self.type_combo.addItem(self.tr("Fixed price"), JobType.FIXED)
        self.level_combo = QComboBox()
        self.level_combo.addItem(self.tr("Any experience"), None)
        for level in ExperienceLevel:
            self.level_combo.addItem(fmt.experience_text(level), level)
        self.category_combo = ElidingComboBox()  # categories come from the marketplace: long ones elide
        self.category_combo.setMaximumWidth(230)
        self.verified_check = QCheckBox(self.tr("Payment verified"))
        self.sort_combo = QComboBox()
        for label, sort in (
            (self.tr("Newest first"), JobSort.NEWEST),
            (self.tr("Highest budget"), JobSort.BUDGET_HIGH),
            (self.tr("Fewest proposals"), JobSort.FEWEST_PROPOSALS),
            (self.tr("Best match"), JobSort.BEST_MATCH),
            (self.tr("Most relevant to the search"), JobSort.RELEVANCE),
        ):
            self.sort_combo.addItem(label, sort)
        for combo in (self.type_combo, self.level_combo, self.sort_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for w in (self.type_combo, self.level_combo, self.category_combo, self.verified_check):
            filters.addWidget(w)
        sort_box = QWidget()
        sort_row = QHBoxLayout(sort_box)
        sort_row.setContentsMargins(0, 0, 0, 0)
        sort_row.setSpacing(8)
        sort_row.addWidget(plain_label(self.tr("Sort"), "muted"))
        sort_row.addWidget(self.sort_combo)
        filters.addWidget(sort_box)
        filters.set_trailing(sort_box)
        hl.addLayout(filters)
        root.addWidget(header)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setHandleWidth(1)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(JobCardDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.verticalScrollBar().setSingleStep(24)
        self.list.setMouseTracking(True)
        self.list.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.list.setSpacing(0)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # cards elide instead
        self.list_stack = EmptyStack(self.list)
        self.list_stack.setMinimumWidth(260)
        # "Job hidden · Undo", over the list for a few seconds after a job is hidden.
        self.undo_bar = QWidget()
        self.undo_bar.setObjectName("undoBar")
        undo_row = QHBoxLayout(self.undo_bar)
        undo_row.setContentsMargins(16, 6, 12, 6)
        self.undo_label = ElidedLabel("")
        undo_row.addWidget(self.undo_label, 1)
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.clicked.connect(self.presenter.undo_hide)
        undo_row.addWidget(self.undo_button)
        self.undo_bar.hide()
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_FOR_MS)
        self._undo_timer.timeout.connect(self.presenter.forget_undo)
        list_column = QWidget()
        column = QVBoxLayout(list_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.undo_bar)
        column.addWidget(self.list_stack, 1)
        list_column.setMinimumWidth(260)
        self.splitter.addWidget(list_column)

        self.detail = JobDetail(capabilities=capabilities)
        self.detail.offers_marks = self.presenter.offers_marks
        self.detail.writeProposal.connect(self._write_proposal)
        self.detail.saveToggled.connect(lambda job, on: self.presenter.save_job(job.id, on))
        self.detail.hideRequested.connect(self.presenter.hide)
        self.detail_placeholder = EmptyStack(self.detail)
        self.detail_placeholder.setMinimumWidth(380)
        self.detail_placeholder.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.detail_placeholder.show_empty(
            self.tr("Select a job"), self.tr("Its description, budget and client appear here.")
        )
        self.splitter.addWidget(self.detail_placeholder)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setSizes([590, 480])
        root.addWidget(self.splitter, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._start_search)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.type_combo, self.level_combo, self.category_combo, self.sort_combo):
            combo.currentIndexChanged.connect(lambda _i: self._start_search())
        self.verified_check.toggled.connect(lambda _b: self._start_search())
        # Edits by the user (not the ones applying a saved search) leave the saved search.
        self.search.textEdited.connect(lambda _t: self._left_saved_search())
        for combo in (self.type_combo, self.level_combo, self.category_combo):
            combo.activated.connect(lambda _i: self._left_saved_search())
        self.verified_check.clicked.connect(lambda _b: self._left_saved_search())
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)

        self.presenter.listen(self._render)
        self.presenter.load_now()
        self._update_empty()
        self.presenter.start()

    # -- filter ----------------------------------------------------------------------------------------------
    @property
    def active_saved(self) -> SavedSearch | None:
        """The saved search the feed shows (None: the user's own search)."""
        return self.presenter.snapshot.active_saved

    def shown_filter(self) -> JobFilter:
        """What the search box and the filters say."""
        # combo data comes back as plain str (Qt drops the StrEnum subclass): convert it back
        job_type = self.type_combo.currentData()
        level = self.level_combo.currentData()
        sort = self.sort_combo.currentData()
        return JobFilter(
            query=self.search.text().strip(),
            job_type=JobType(job_type) if job_type else None,
            experience_level=ExperienceLevel(level) if level else None,
            category=self.category_combo.currentData() or None,
            payment_verified_only=self.verified_check.isChecked(),
            sort=JobSort(sort) if sort else JobSort.NEWEST,
        )

    def current_filter(self) -> JobFilter:
        """The search the list answers (with a saved search's fields that have no widget)."""
        return self.presenter.snapshot.filter

    # -- saved searches --------------------------------------------------------------------------------------
    def apply_saved_search(self, search: SavedSearch) -> None:
        """Show a saved search's jobs: its words and filters go into the search box and filters."""
        f = search.filter
        widgets = (self.search, self.type_combo, self.level_combo, self.category_combo, self.verified_check)
        for w in widgets:
            w.blockSignals(True)
        self.search.setText(f.query)
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(f.job_type)))
        self.level_combo.setCurrentIndex(max(0, self.level_combo.findData(f.experience_level)))
        if f.category and self.category_combo.findData(f.category) < 0:
            self.category_combo.addItem(f.category, f.category)  # not among the cached jobs' categories yet
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(f.category)))
        self.verified_check.setChecked(f.payment_verified_only)
        for w in widgets:
            w.blockSignals(False)
        self._debounce.stop()
        self.presenter.apply_saved(search, self.shown_filter())

    def _left_saved_search(self) -> None:
        self._debounce.stop()
        self.presenter.leave_saved(self.shown_filter())

    def refresh_saved_searches(self) -> None:
        self.presenter.reload_saved()

    def _ask_save_search(self) -> None:
        f = self.current_filter()
        suggested = f.query or f.category or (fmt.job_type_text(f.job_type) if f.job_type else "")
        ask_search_name(self, suggested, lambda name: self.save_current_search(name))

    def save_current_search(self, name: str) -> None:
        if self.presenter.offers_saved_searches:
            self.runner.run("jobs:save-search", self._save(name))

    async def _save(self, name: str) -> None:
        try:
            await self.presenter.save_search(name)
        except ValueError as exc:
            log.info("search not saved: %s", exc)

    def _set_saved_search_notify(self, search: SavedSearch, on: bool) -> None:
        self.presenter.set_notify(search.id, on)

    def _delete_saved_search(self, search: SavedSearch) -> None:
        self.presenter.delete_saved(search.id)

    def _start_search(self) -> None:
        self._debounce.stop()
        self.presenter.search(self.shown_filter())

    # -- the presenter's snapshots ---------------------------------------------------------------------------
    def _render(self, snap: JobsSnapshot) -> None:
        before, self._shown = self._shown, snap
        if snap.categories != before.categories:
            self._set_categories(list(snap.categories))
        self.model.set_scores(snap.scores)
        if snap.rows is not before.rows or snap.total != before.total:
            self._show_rows(before, snap)
            self._update_empty()  # "Waiting for first sync…" goes with the first rows, however they came
        elif snap.scores != before.scores:
            self.list.viewport().update()
        if snap.view is not before.view:
            self.saved_jobs_button.blockSignals(True)
            self.saved_jobs_button.setChecked(snap.view is View.SAVED)
            self.saved_jobs_button.blockSignals(False)
            self._update_count(self.model.total)
            self._update_empty()
        if snap.hidden_count != before.hidden_count:
            self.hidden_button.setText(self.tr("%n hidden", "", snap.hidden_count))
            self.hidden_button.setVisible(snap.hidden_count > 0)
        if snap.last_hidden != before.last_hidden:
            self._show_undo(snap)
        if (snap.saved_jobs, snap.me) != (before.saved_jobs, before.me):
            job = self.detail.job
            if job is not None:
                self._show_detail(job)
        if snap.saved != before.saved or snap.active_saved != before.active_saved:
            self.saved_bar.set_searches(snap.saved)
            self.saved_bar.set_active(snap.active_saved.id if snap.active_saved else None)
            if snap.new_in_saved != before.new_in_saved or not before.saved_loaded:
                self.newInSavedSearches.emit(snap.new_in_saved)
        if snap.applied != before.applied:
            job = self.detail.job
            if job is not None:
                self._show_detail(job)
        self._update_save_button()

    def _show_rows(self, before: JobsSnapshot, snap: JobsSnapshot) -> None:
        old = before.rows
        if (old and snap.search_id == before.search_id and snap.filter == before.filter
                and len(snap.rows) > len(old) and snap.rows[:len(old)] == old):
            self.model.extend(snap.rows[len(old):], snap.total)  # the next page, below
            return
        fresh = snap.search_id != before.search_id
        selected = None if fresh else self.selected_job_id()
        scroll = 0 if fresh else self.list.verticalScrollBar().value()
        self.model.replace(snap.filter, snap.rows, snap.total)
        if selected is not None:
            row = self.model.row_of(selected)
            if row >= 0:
                self.list.setCurrentIndex(self.model.index(row))
        shown = self.detail.job
        if fresh and shown is not None and self.model.row_of(shown.id) < 0:
            self._show_no_detail()  # a new search (another saved search, say) that does not hold it
        self.list.verticalScrollBar().setValue(scroll)

    def _update_save_button(self) -> None:
        snap = self.presenter.snapshot
        already = snap.already_saved
        self.save_search_button.setEnabled(snap.can_save)
        self.save_search_button.setToolTip(
            self.tr("This search is saved") if already
            else self.tr("Type search words or pick a filter, then save it to follow its new jobs")
            if not snap.filter.narrows
            else self.tr("Keep this search and count the new jobs that match it"))

    def refresh_applied(self) -> None:
        """Re-read which jobs have a proposal (one the marketplace refused no longer counts)."""
        self.presenter.refresh_applied()

    def _set_categories(self, categories: list[str]) -> None:
        known = [self.category_combo.itemData(i) for i in range(1, self.category_combo.count())]
        if known == categories:
            return  # rebuilding an unchanged combo on every sync notice is wasted work on the UI thread
        current = self.category_combo.currentData()
        self.category_combo.blockSignals(True)
        self.category_combo.clear()
        self.category_combo.addItem(self.tr("All categories"), None)
        for cat in categories:
            self.category_combo.addItem(cat, cat)
        i = self.category_combo.findData(current) if current else 0
        self.category_combo.setCurrentIndex(max(0, i))
        self.category_combo.blockSignals(False)

    def _show_no_detail(self) -> None:
        self.detail_placeholder.show_empty(
            self.tr("Select a job"), self.tr("Its description, budget and client appear here."))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        job = self.model.job_at(current.row()) if current.isValid() else None
        if job is None:
            return
        self._show_detail(job)
        self.detail_placeholder.show_content()

    def _show_detail(self, job: Job) -> None:
        snap = self.presenter.snapshot
        currency = snap.me.hourly_rate.currency if snap.me is not None else "USD"
        self.detail.show_job(job, job.id in snap.applied, snap.match_of(job), job.id in snap.saved_jobs,
                             currency)

    # -- hiding, with an undo ----------------------------------------------------------------------------
    def _show_undo(self, snap: JobsSnapshot) -> None:
        job = snap.last_hidden
        self.undo_bar.setVisible(job is not None)
        if job is None:
            self._undo_timer.stop()
            return
        self.undo_label.setText(self.tr("Hidden: %1").replace("%1", job.title))
        self._undo_timer.start()
        shown = self.detail.job
        if shown is not None and shown.id == job.id:
            self._show_no_detail()

    def _ask_show_hidden(self) -> None:
        count = self.presenter.snapshot.hidden_count
        question = self.tr("Show the %n job(s) you hid in the feed and the saved searches again?", "", count)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Show hidden jobs"), question,
                          QMessageBox.StandardButton.Cancel, self)
        show = box.addButton(self.tr("Show them"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(show)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self.presenter.show_all_hidden() if button is show else None)
        self.show_hidden_question = box
        box.open()

    def _update_count(self, total: int) -> None:
        if self.presenter.snapshot.view is View.SAVED:
            self.count_label.setText(self.tr("%n saved job(s)", "", total))
        else:
            self.count_label.setText(fmt.count_text(total, self.tr("job"), self.tr("jobs")))

    def _update_empty(self) -> None:
        if self.model.rowCount() > 0:
            self.list_stack.show_content()
            return
        if self.presenter.snapshot.view is View.SAVED:
            self.list_stack.show_empty(
                self.tr("No saved jobs yet"), self.tr("Save a job from its detail to keep it here."))
            return
        f = self.model.filter
        if not f.narrows:
            self.list_stack.show_empty(
                self.tr("Waiting for first sync…"),
                self.tr("Jobs appear here as soon as Atelier has reached the marketplace."),
            )
        else:
            self.list_stack.show_empty(
                self.tr("No jobs match your search"), self.tr("Try fewer words or clear some filters.")
            )

    def _write_proposal(self, job: Job) -> None:
        self._on_write_proposal(job)

    # -- API -------------------------------------------------------------------------------------------------
    def selected_job_id(self) -> str | None:
        index = self.list.currentIndex()
        job = self.model.job_at(index.row()) if index.isValid() else None
        return job.id if job else None

    def select_row(self, row: int) -> None:
        self.list.setCurrentIndex(self.model.index(row))

    def open_job(self, job_id: str) -> None:
        """Show one job's detail (a notification was clicked), selecting it in the list if it is there."""
        row = self.model.row_of(job_id)
        if row >= 0:
            self.select_row(row)
            return
        self.runner.run("jobs:open", self._open_cached(job_id))

    async def _open_cached(self, job_id: str) -> None:
        job = await self.presenter.job(job_id)
        if job is not None:
            self.list.clearSelection()
            self._show_detail(job)
            self.detail_placeholder.show_content()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def shutdown(self) -> None:
        self._undo_timer.stop()
        self.presenter.close_now()
        self.runner.cancel("jobs:open")
        self.runner.cancel("jobs:save-search")
