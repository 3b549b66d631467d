<?xml version="1.0" encoding="UTF-8"?>
<!-- The operator's queue: every open escalation, the most urgent first,
     with its filters, counts and Take buttons. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:variable name="f" select="/page/desk/filter"/>
  <!-- For each row's Take, as csrf-field writes it. -->
  <xsl:variable name="csrf" select="string(/page/csrf)"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'nav.desk'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <h1><xsl:call-template name="t"><xsl:with-param name="k" select="'nav.desk'"/></xsl:call-template></h1>
    <xsl:apply-templates select="desk"/>
  </xsl:template>

  <xsl:template match="desk">
    <section class="cards">
      <xsl:call-template name="card"><xsl:with-param name="n" select="counts/@open"/><xsl:with-param name="k" select="'desk.count.open'"/><xsl:with-param name="href" select="'/desk'"/></xsl:call-template>
      <xsl:call-template name="card"><xsl:with-param name="n" select="counts/@unassigned"/><xsl:with-param name="k" select="'desk.count.unassigned'"/><xsl:with-param name="href" select="'/desk?assignee=none'"/></xsl:call-template>
      <xsl:call-template name="card"><xsl:with-param name="n" select="counts/@mine"/><xsl:with-param name="k" select="'desk.count.mine'"/><xsl:with-param name="href" select="'/desk?assignee=me'"/></xsl:call-template>
      <xsl:call-template name="card"><xsl:with-param name="n" select="counts/@attention_needed"/><xsl:with-param name="k" select="'status.attention_needed'"/><xsl:with-param name="href" select="'/desk?status=attention_needed'"/></xsl:call-template>
      <xsl:call-template name="card"><xsl:with-param name="n" select="counts/@breached"/><xsl:with-param name="more" select="counts/@breached_more"/><xsl:with-param name="k" select="'desk.count.breached'"/><xsl:with-param name="href" select="'/desk?due=breached'"/></xsl:call-template>
      <xsl:call-template name="card"><xsl:with-param name="n" select="counts/@due_soon"/><xsl:with-param name="k" select="'desk.count.due_soon'"/><xsl:with-param name="href" select="'/desk?due=soon'"/></xsl:call-template>
    </section>

    <xsl:if test="incidents/incident">
      <section class="desk-incidents">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.incidents'"/></xsl:call-template></h2>
        <ul>
          <xsl:for-each select="incidents/incident">
            <li>
              <a href="/health/incidents/{@id}"><xsl:value-of select="title"/></a>
              <xsl:text> · </xsl:text>
              <a href="/desk?incident={@id}">
                <xsl:value-of select="concat(@requests, ' ')"/>
                <xsl:call-template name="t"><xsl:with-param name="k" select="'desk.incident_requests'"/></xsl:call-template>
              </a>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>

    <form method="get" action="/desk" class="filters">
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'field.severity'"/></xsl:call-template>
        <select name="severity">
          <xsl:call-template name="option"><xsl:with-param name="value" select="''"/><xsl:with-param name="current" select="$f/@severity"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.any'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'A'"/><xsl:with-param name="current" select="$f/@severity"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'severity.A'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'B'"/><xsl:with-param name="current" select="$f/@severity"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'severity.B'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'C'"/><xsl:with-param name="current" select="$f/@severity"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'severity.C'"/></xsl:call-template></xsl:with-param></xsl:call-template>
        </select>
      </label>
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'field.status'"/></xsl:call-template>
        <select name="status">
          <xsl:call-template name="option"><xsl:with-param name="value" select="''"/><xsl:with-param name="current" select="$f/@status"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.any'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'none'"/><xsl:with-param name="current" select="$f/@status"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'status.none'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'open'"/><xsl:with-param name="current" select="$f/@status"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'status.open'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'attention_needed'"/><xsl:with-param name="current" select="$f/@status"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'status.attention_needed'"/></xsl:call-template></xsl:with-param></xsl:call-template>
        </select>
      </label>
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'field.service'"/></xsl:call-template>
        <select name="service">
          <xsl:call-template name="option"><xsl:with-param name="value" select="''"/><xsl:with-param name="current" select="$f/@service"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.any'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:for-each select="services/service">
            <option value="{@id}"><xsl:if test="@id = $f/@service"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="name"/></option>
          </xsl:for-each>
        </select>
      </label>
      <!-- By name (lib/lookup.c); the id of the one chosen goes with
           it while the name shown is unchanged. -->
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'desk.partner'"/></xsl:call-template>
        <input type="search" id="partner_name" name="partner_name" value="{$f/@partner_name}" maxlength="80">
          <xsl:if test="/page/errors/error[@field = 'partner_name']">
            <xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="aria-describedby">error-partner_name</xsl:attribute>
          </xsl:if>
        </input>
        <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'partner_name'"/></xsl:call-template>
      </label>
      <xsl:if test="$f/@partner">
        <input type="hidden" name="partner" value="{$f/@partner}"/>
      </xsl:if>
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'desk.assignee'"/></xsl:call-template>
        <select name="assignee">
          <xsl:call-template name="option"><xsl:with-param name="value" select="''"/><xsl:with-param name="current" select="$f/@assignee"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.any'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'me'"/><xsl:with-param name="current" select="$f/@assignee"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.me'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'none'"/><xsl:with-param name="current" select="$f/@assignee"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.nobody'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:for-each select="staff/agent">
            <option value="{@id}"><xsl:if test="@id = $f/@assignee"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="name"/></option>
          </xsl:for-each>
        </select>
      </label>
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'desk.due'"/></xsl:call-template>
        <select name="due">
          <xsl:call-template name="option"><xsl:with-param name="value" select="''"/><xsl:with-param name="current" select="$f/@due"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.any'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'breached'"/><xsl:with-param name="current" select="$f/@due"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.count.breached'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'soon'"/><xsl:with-param name="current" select="$f/@due"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.count.due_soon'"/></xsl:call-template></xsl:with-param></xsl:call-template>
        </select>
      </label>
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'desk.target'"/></xsl:call-template>
        <select name="target">
          <xsl:call-template name="option"><xsl:with-param name="value" select="''"/><xsl:with-param name="current" select="$f/@target"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.any'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'first_response'"/><xsl:with-param name="current" select="$f/@target"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'clock.target.first_response'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'next_response'"/><xsl:with-param name="current" select="$f/@target"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'clock.target.next_response'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'resolution'"/><xsl:with-param name="current" select="$f/@target"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'clock.target.resolution'"/></xsl:call-template></xsl:with-param></xsl:call-template>
        </select>
      </label>
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'desk.q'"/></xsl:call-template>
        <input type="search" name="q" maxlength="80" value="{$f/@q}"/>
      </label>
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'field.incident'"/></xsl:call-template>
        <select name="incident">
          <xsl:call-template name="option"><xsl:with-param name="value" select="''"/><xsl:with-param name="current" select="$f/@incident"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.any'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:for-each select="incidents/incident">
            <option value="{@id}">
              <xsl:if test="$f/@incident = @id"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <!-- Short, so that the filters fit a phone's width. -->
              <xsl:value-of select="concat('#', @id, ' ', substring(title, 1, 20))"/>
              <xsl:if test="string-length(title) &gt; 20">…</xsl:if>
            </option>
          </xsl:for-each>
        </select>
      </label>
      <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.filter'"/></xsl:call-template></button>
      <a href="/desk"><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.clear'"/></xsl:call-template></a>
    </form>
    <xsl:apply-templates select="filter/matches">
      <xsl:with-param name="base" select="pages/@base-url"/>
    </xsl:apply-templates>

    <xsl:choose>
      <xsl:when test="request">
        <table class="queue">
          <thead>
            <tr>
              <th>#</th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.title'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.severity'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.status'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.due'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.partner'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.customer'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.service'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.assignee'"/></xsl:call-template></th>
            </tr>
          </thead>
          <tbody>
            <xsl:apply-templates select="request"/>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.empty'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
    <nav class="pager">
      <xsl:if test="pages/@page &gt; 1">
        <a rel="prev" href="{pages/@base-url}page={pages/@page - 1}"><xsl:call-template name="t"><xsl:with-param name="k" select="'pager.previous'"/></xsl:call-template></a>
      </xsl:if>
      <xsl:if test="pages/@next = 'yes'">
        <a rel="next" href="{pages/@base-url}page={pages/@page + 1}"><xsl:call-template name="t"><xsl:with-param name="k" select="'pager.next'"/></xsl:call-template></a>
      </xsl:if>
      <a href="{pages/@base-url}format=csv"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.csv'"/></xsl:call-template></a>
    </nav>
    <xsl:if test="queue-address">
      <section class="queue-address">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.address'"/></xsl:call-template></h2>
        <form method="post" action="/desk/address">
          <xsl:call-template name="csrf-field"/>
          <p class="field">
            <label for="address"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.address'"/></xsl:call-template></label>
            <input type="email" id="address" name="address" value="{queue-address}" maxlength="254"/>
            <span class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.address_hint'"/></xsl:call-template></span>
          </p>
          <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.save'"/></xsl:call-template></button></p>
        </form>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- A row.  Its "Response due" is the nearest running clock
       (its kind and due time) and one badge, past due or due soon (the
       model's rule, lib/clock.c: never both); the other clocks are the
       request page's. -->
  <xsl:template match="request">
    <tr>
      <xsl:if test="@breached = 'yes'"><xsl:attribute name="class">breached</xsl:attribute></xsl:if>
      <td><a href="/requests/{@id}"><xsl:value-of select="@id"/></a></td>
      <td><a href="/requests/{@id}"><xsl:value-of select="title"/></a></td>
      <td><xsl:call-template name="severity-badge"><xsl:with-param name="sev" select="@severity"/></xsl:call-template></td>
      <td><xsl:call-template name="status-badge"><xsl:with-param name="status" select="@status"/></xsl:call-template></td>
      <td>
        <xsl:if test="@other-clocks">
          <xsl:attribute name="title"><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.other_clocks'"/></xsl:call-template><xsl:value-of select="concat(' ', @other-clocks)"/></xsl:attribute>
        </xsl:if>
        <xsl:for-each select="clock">
          <xsl:call-template name="t"><xsl:with-param name="k" select="concat('clock.target.', @target)"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <xsl:call-template name="utc-time"><xsl:with-param name="utc" select="@due"/></xsl:call-template>
        </xsl:for-each>
        <xsl:if test="not(clock)">–</xsl:if>
        <xsl:if test="@breached = 'yes'">
          <xsl:text> </xsl:text>
          <span class="badge severity-A"><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.breached'"/></xsl:call-template></span>
        </xsl:if>
        <xsl:if test="@due-soon">
          <xsl:text> </xsl:text>
          <span class="badge severity-B"><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.count.due_soon'"/></xsl:call-template></span>
        </xsl:if>
        <!-- the recorded breach: history, so a hint, not a badge -->
        <xsl:if test="@first-response = 'breached'">
          <xsl:text> </xsl:text>
          <span class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.first_response_breached'"/></xsl:call-template></span>
        </xsl:if>
      </td>
      <td><xsl:value-of select="partner"/></td>
      <td><xsl:value-of select="customer/name"/></td>
      <td><xsl:value-of select="service/name"/></td>
      <td>
        <xsl:choose>
          <xsl:when test="assignee"><xsl:value-of select="assignee"/></xsl:when>
          <xsl:otherwise>
            <form method="post" action="/desk/take/{@id}" class="inline">
              <input type="hidden" name="csrf" value="{$csrf}"/>
              <button type="submit" class="secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'desk.take'"/></xsl:call-template></button>
            </form>
          </xsl:otherwise>
        </xsl:choose>
      </td>
    </tr>
  </xsl:template>

  <xsl:template name="card">
    <xsl:param name="n"/>
    <xsl:param name="more"/>
    <xsl:param name="k"/>
    <xsl:param name="href"/>
    <a class="card" href="{$href}">
      <strong><xsl:value-of select="$n"/><xsl:if test="$more = 'yes'">+</xsl:if></strong>
      <xsl:call-template name="t"><xsl:with-param name="k" select="$k"/></xsl:call-template>
    </a>
  </xsl:template>
</xsl:stylesheet>
