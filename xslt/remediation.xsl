<?xml version="1.0" encoding="UTF-8"?>
<!-- Remediation cases: the list (with the operator admin's way to open
     one), the form to open a case, and the case page with its cited
     requests, meeting times, plan, timeline and the forms of the steps
     the reader may take now (<may action>, decided by the server). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:variable name="draft" select="/page/draft"/>

  <xsl:template match="page" mode="title">
    <xsl:choose>
      <xsl:when test="case">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'rem.case'"/></xsl:call-template>
        <xsl:value-of select="concat(' #', case/@id, ' · ', case/partner)"/>
      </xsl:when>
      <xsl:when test="new-case"><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.new'"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.title'"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:if test="case or new-case">
      <p><a href="/remediation"><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.title'"/></xsl:call-template></a></p>
    </xsl:if>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:apply-templates select="cases | new-case | case"/>
  </xsl:template>

  <xsl:template name="state-badge">
    <xsl:param name="state" select="@state"/>
    <span class="badge state-{$state}">
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('rem.state.', $state)"/></xsl:call-template>
    </span>
  </xsl:template>

  <!-- The list. -->
  <xsl:template match="cases">
    <nav class="tabs">
      <a href="/remediation">
        <xsl:if test="not(@state)"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'rem.show_open'"/></xsl:call-template>
      </a>
      <a href="/remediation?state=closed">
        <xsl:if test="@state = 'closed'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'rem.show_closed'"/></xsl:call-template>
      </a>
    </nav>
    <xsl:choose>
      <xsl:when test="case">
        <table class="cases">
          <thead>
            <tr>
              <th>#</th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.partner'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.state'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.meeting'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.updated'"/></xsl:call-template></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="case">
              <tr>
                <td><a href="/remediation/{@id}"><xsl:value-of select="concat('#', @id)"/></a></td>
                <td><a href="/remediation/{@id}"><xsl:value-of select="partner"/></a></td>
                <td><xsl:call-template name="state-badge"/></td>
                <td><xsl:for-each select="meeting"><xsl:call-template name="time"/></xsl:for-each></td>
                <td><xsl:for-each select="updated"><xsl:call-template name="time"/></xsl:for-each></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.none'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="../partners">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.new'"/></xsl:call-template></h2>
      <form method="get" action="/remediation/new" class="filters">
        <label for="partner"><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.open_for'"/></xsl:call-template></label>
        <select id="partner" name="partner">
          <xsl:for-each select="../partners/partner">
            <option value="{@id}">
              <xsl:value-of select="concat(., ' (', @flagged, ' ')"/>
              <xsl:call-template name="t"><xsl:with-param name="k" select="'rem.flagged_count'"/></xsl:call-template>
              <xsl:text>)</xsl:text>
            </option>
          </xsl:for-each>
        </select>
        <xsl:text> </xsl:text>
        <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.new'"/></xsl:call-template></button>
      </form>
    </xsl:if>
  </xsl:template>

  <!-- Opening a case. -->
  <xsl:template match="new-case">
    <h2><xsl:value-of select="partner"/></h2>
    <h3><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.flagged'"/></xsl:call-template></h3>
    <xsl:choose>
      <xsl:when test="flagged/request">
        <xsl:apply-templates select="flagged" mode="requests"/>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.no_flags'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
    <form method="post" action="/remediation" class="rem-open">
      <xsl:call-template name="csrf-field"/>
      <input type="hidden" name="partner" value="{partner/@id}"/>
      <p class="field">
        <label for="requests"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.requests'"/></xsl:call-template></label>
        <input type="text" id="requests" name="requests" value="{requests}" maxlength="1000" required="required"/>
        <span class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.requests_hint'"/></xsl:call-template></span>
        <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'requests'"/></xsl:call-template>
      </p>
      <p class="field">
        <label for="summary"><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.summary'"/></xsl:call-template></label>
        <textarea id="summary" name="summary" rows="4" maxlength="20000" required="required"><xsl:value-of select="summary"/></textarea>
        <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'summary'"/></xsl:call-template>
      </p>
      <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.new'"/></xsl:call-template></button></p>
    </form>
  </xsl:template>

  <xsl:template match="flagged | requests" mode="requests">
    <ul class="items cited">
      <xsl:for-each select="request">
        <li>
          <a href="/requests/{@id}"><xsl:value-of select="concat('#', @id, ' ', title)"/></a>
          <xsl:text> </xsl:text>
          <xsl:call-template name="severity-badge"><xsl:with-param name="sev" select="@severity"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <span class="badge flag">
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('flag.', @flag)"/></xsl:call-template>
          </span>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- The case. -->
  <xsl:template match="case">
    <dl class="facts">
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.state'"/></xsl:call-template></dt>
      <dd><xsl:call-template name="state-badge"/></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.partner'"/></xsl:call-template></dt>
      <dd class="partner"><xsl:value-of select="partner"/></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.opened'"/></xsl:call-template></dt>
      <dd><xsl:for-each select="opened"><xsl:call-template name="time"/></xsl:for-each></dd>
      <xsl:if test="meeting">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.meeting'"/></xsl:call-template></dt>
        <dd class="meeting"><xsl:for-each select="meeting"><xsl:call-template name="time"/></xsl:for-each></dd>
      </xsl:if>
      <xsl:if test="closed">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.closed_at'"/></xsl:call-template></dt>
        <dd><xsl:for-each select="closed"><xsl:call-template name="time"/></xsl:for-each></dd>
      </xsl:if>
    </dl>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.summary'"/></xsl:call-template></h2>
    <p class="summary text"><xsl:value-of select="summary"/></p>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.cited'"/></xsl:call-template></h2>
    <xsl:apply-templates select="requests" mode="requests"/>

    <xsl:if test="@state = 'proposed'">
      <section class="slots">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.slots'"/></xsl:call-template></h2>
        <xsl:apply-templates select="slots"/>
        <xsl:if test="may[@action = 'slots']"><xsl:call-template name="slot-form"/></xsl:if>
      </section>
    </xsl:if>

    <xsl:if test="@state != 'proposed'">
      <section class="plan">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.plan'"/></xsl:call-template></h2>
        <xsl:if test="plan"><p class="plan text"><xsl:value-of select="plan"/></p></xsl:if>
        <h3><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.items'"/></xsl:call-template></h3>
        <xsl:apply-templates select="items"/>
        <xsl:if test="may[@action = 'items']"><xsl:call-template name="item-form"/></xsl:if>
        <xsl:if test="may[@action = 'plan']">
          <xsl:call-template name="text-form">
            <xsl:with-param name="action" select="'plan'"/>
            <xsl:with-param name="label" select="'rem.plan_text'"/>
            <xsl:with-param name="button" select="'rem.agree_plan'"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="may[@action = 'close']">
          <xsl:call-template name="text-form">
            <xsl:with-param name="action" select="'close'"/>
            <xsl:with-param name="label" select="'rem.close_text'"/>
            <xsl:with-param name="button" select="'rem.close'"/>
          </xsl:call-template>
        </xsl:if>
      </section>
    </xsl:if>
    <xsl:if test="not(may) and @state != 'closed'">
      <p class="meta"><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.waiting'"/></xsl:call-template></p>
    </xsl:if>

    <section class="timeline">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.timeline'"/></xsl:call-template></h2>
      <ol class="timeline">
        <xsl:for-each select="timeline/event">
          <li class="event event-{@kind}">
            <p class="byline">
              <strong><xsl:value-of select="author/name"/></strong>
              <xsl:text> </xsl:text>
              <xsl:call-template name="t"><xsl:with-param name="k" select="concat('rem.event.', @kind)"/></xsl:call-template>
              <xsl:text> · </xsl:text>
              <xsl:for-each select="at"><xsl:call-template name="time"/></xsl:for-each>
            </p>
            <xsl:if test="text"><p class="text"><xsl:value-of select="text"/></p></xsl:if>
            <xsl:for-each select="meeting"><p class="text"><xsl:call-template name="time"/></p></xsl:for-each>
          </li>
        </xsl:for-each>
      </ol>
    </section>
  </xsl:template>

  <xsl:template match="slots">
    <xsl:choose>
      <xsl:when test="slot">
        <ul class="items slots">
          <xsl:for-each select="slot">
            <li class="slot">
              <xsl:for-each select="at"><xsl:call-template name="time"/></xsl:for-each>
              <xsl:text> · </xsl:text>
              <span class="meta"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('rem.by.', @by)"/></xsl:call-template></span>
              <xsl:if test="../../may[@action = 'accept'] and @mine = 'no'">
                <form method="post" action="/remediation/{../../@id}/accept" class="inline accept">
                  <xsl:call-template name="csrf-field"/>
                  <input type="hidden" name="slot" value="{@id}"/>
                  <xsl:text> </xsl:text>
                  <button type="submit" class="secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.accept'"/></xsl:call-template></button>
                </form>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.no_slots'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="slot-form">
    <form method="post" action="/remediation/{@id}/slots" class="rem-slots">
      <xsl:call-template name="csrf-field"/>
      <p class="field">
        <label for="at"><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.propose'"/></xsl:call-template></label>
        <input type="datetime-local" id="at" name="at" value="{$draft[@action = 'slots']/at}" required="required"/>
        <span class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.at_hint'"/></xsl:call-template></span>
        <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'at'"/></xsl:call-template>
      </p>
      <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.propose'"/></xsl:call-template></button></p>
    </form>
  </xsl:template>

  <xsl:template match="items">
    <xsl:choose>
      <xsl:when test="item">
        <table class="items">
          <thead>
            <tr>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.action'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.owner'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.due'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.state'"/></xsl:call-template></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="item">
              <tr class="item done-{@done}">
                <td class="action"><xsl:value-of select="action"/></td>
                <td><xsl:value-of select="owner"/></td>
                <td><xsl:value-of select="@due"/></td>
                <td>
                  <xsl:choose>
                    <xsl:when test="@done = 'yes'">
                      <span class="badge state-done"><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.done'"/></xsl:call-template></span>
                      <xsl:text> </xsl:text>
                      <xsl:for-each select="done-at"><xsl:call-template name="time"/></xsl:for-each>
                      <p class="evidence text"><xsl:value-of select="evidence"/></p>
                    </xsl:when>
                    <xsl:otherwise>
                      <span class="badge"><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.open_item'"/></xsl:call-template></span>
                      <xsl:if test="../../may[@action = 'done']"><xsl:call-template name="done-form"/></xsl:if>
                    </xsl:otherwise>
                  </xsl:choose>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.no_items'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="done-form">
    <xsl:variable name="mine" select="$draft[@action = 'done' and @item = current()/@id]"/>
    <form method="post" action="/remediation/{../../@id}/items/{@id}/done" class="rem-done">
      <xsl:call-template name="csrf-field"/>
      <p class="field">
        <label for="evidence-{@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.evidence'"/></xsl:call-template></label>
        <textarea id="evidence-{@id}" name="evidence" rows="2" maxlength="20000" required="required"><xsl:value-of select="$mine/evidence"/></textarea>
        <xsl:if test="$mine"><xsl:call-template name="field-errors"><xsl:with-param name="name" select="'evidence'"/></xsl:call-template></xsl:if>
      </p>
      <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.mark_done'"/></xsl:call-template></button></p>
    </form>
  </xsl:template>

  <xsl:template name="item-form">
    <xsl:variable name="d" select="$draft[@action = 'items']"/>
    <form method="post" action="/remediation/{@id}/items" class="rem-items">
      <xsl:call-template name="csrf-field"/>
      <fieldset>
        <legend><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.add_item'"/></xsl:call-template></legend>
        <p class="field">
          <label for="action"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.action'"/></xsl:call-template></label>
          <input type="text" id="action" name="action" value="{$d/action}" maxlength="200" required="required"/>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'action'"/></xsl:call-template>
        </p>
        <p class="field">
          <label for="owner"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.owner'"/></xsl:call-template></label>
          <input type="text" id="owner" name="owner" value="{$d/owner}" maxlength="80" required="required"/>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'owner'"/></xsl:call-template>
        </p>
        <p class="field">
          <label for="due"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.due'"/></xsl:call-template></label>
          <input type="date" id="due" name="due" value="{$d/due}" required="required"/>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'due'"/></xsl:call-template>
        </p>
        <p><button type="submit" class="secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'rem.add_item'"/></xsl:call-template></button></p>
      </fieldset>
    </form>
  </xsl:template>

  <xsl:template name="text-form">
    <xsl:param name="action"/>
    <xsl:param name="label"/>
    <xsl:param name="button"/>
    <form method="post" action="/remediation/{@id}/{$action}" class="rem-{$action}">
      <xsl:call-template name="csrf-field"/>
      <p class="field">
        <label for="text"><xsl:call-template name="t"><xsl:with-param name="k" select="$label"/></xsl:call-template></label>
        <textarea id="text" name="text" rows="4" maxlength="20000" required="required"><xsl:value-of select="$draft[@action = $action]/text"/></textarea>
        <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'text'"/></xsl:call-template>
      </p>
      <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="$button"/></xsl:call-template></button></p>
    </form>
  </xsl:template>
</xsl:stylesheet>
