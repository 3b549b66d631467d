<?xml version="1.0" encoding="UTF-8"?>
<!-- The dashboard: what needs the partner (requests waiting on it,
     the operator's recent replies, incidents on its customers'
     services) or, for operator staff, the state of the queue. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="chart.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'nav.dashboard'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <h1><xsl:call-template name="t"><xsl:with-param name="k" select="'nav.dashboard'"/></xsl:call-template></h1>
    <xsl:apply-templates select="dashboard | desk-summary"/>
  </xsl:template>

  <xsl:template match="desk-summary">
    <section class="cards">
      <a class="card" href="/desk">
        <strong><xsl:value-of select="@open"/></strong>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.open_escalations'"/></xsl:call-template>
      </a>
      <a class="card" href="/desk?assignee=none">
        <strong><xsl:value-of select="@unassigned"/></strong>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.unassigned'"/></xsl:call-template>
      </a>
    </section>
    <xsl:apply-templates select="open-requests"/>
  </xsl:template>

  <!-- The requests not closed per severity: a bar each, and the table. -->
  <xsl:template match="open-requests">
    <section class="chart-figure" aria-labelledby="open-requests-h">
      <h2 id="open-requests-h"><xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.chart.open'"/></xsl:call-template></h2>
      <xsl:choose>
        <xsl:when test="severity">
          <xsl:call-template name="chart-bar">
            <xsl:with-param name="id" select="'open-requests'"/>
            <xsl:with-param name="title"><xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.chart.open'"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="desc"><xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.chart.open_desc'"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="xs" select="severity"/>
            <xsl:with-param name="values" select="severity/@requests"/>
            <xsl:with-param name="label-prefix" select="'severity.'"/>
          </xsl:call-template>
          <table class="chart-data">
            <caption><xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.chart.numbers'"/></xsl:call-template></caption>
            <thead>
              <tr>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.severity'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.chart.requests'"/></xsl:call-template></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="severity">
                <tr>
                  <th scope="row"><xsl:call-template name="severity-badge"><xsl:with-param name="sev" select="@key"/></xsl:call-template></th>
                  <td><xsl:value-of select="@requests"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.chart.none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="dashboard[not(counts)]">
    <p><xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.sales'"/></xsl:call-template></p>
    <p><a class="button" href="/customers"><xsl:call-template name="t"><xsl:with-param name="k" select="'nav.customers'"/></xsl:call-template></a></p>
  </xsl:template>

  <xsl:template match="dashboard[counts]">
    <section class="cards">
      <a class="card" href="/requests?status=attention_needed">
        <strong><xsl:value-of select="counts/@attention"/></strong>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'status.attention_needed'"/></xsl:call-template>
      </a>
      <a class="card" href="/requests?status=open">
        <strong><xsl:value-of select="counts/@open"/></strong>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'status.open'"/></xsl:call-template>
      </a>
      <a class="card" href="/requests?status=closed">
        <strong><xsl:value-of select="counts/@closed"/></strong>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.closed_30'"/></xsl:call-template>
      </a>
    </section>
    <p class="actions">
      <a class="button" href="/customers"><xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.new_request'"/></xsl:call-template></a>
    </p>

    <xsl:if test="flags/request">
      <section class="flags notice warning">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.flags'"/></xsl:call-template></h2>
        <ul class="items">
          <xsl:for-each select="flags/request">
            <li>
              <a href="/requests/{@id}"><xsl:value-of select="concat('#', @id, ' ', title)"/></a>
              <xsl:text>: </xsl:text>
              <xsl:call-template name="t"><xsl:with-param name="k" select="concat('flag.', @flag)"/></xsl:call-template>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
    <xsl:if test="remediation/case">
      <section class="remediation notice warning">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.remediation'"/></xsl:call-template></h2>
        <ul class="items">
          <xsl:for-each select="remediation/case">
            <li>
              <xsl:choose>
                <xsl:when test="/page/dashboard/may[@action = 'remediation']">
                  <a href="/remediation/{@id}"><xsl:value-of select="concat('#', @id)"/></a>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="concat('#', @id)"/></xsl:otherwise>
              </xsl:choose>
              <xsl:text>: </xsl:text>
              <xsl:call-template name="t"><xsl:with-param name="k" select="concat('dashboard.rem.', @state)"/></xsl:call-template>
              <xsl:for-each select="meeting">
                <xsl:text> · </xsl:text>
                <xsl:call-template name="time"/>
              </xsl:for-each>
            </li>
          </xsl:for-each>
        </ul>
        <xsl:if test="not(/page/dashboard/may[@action = 'remediation'])">
          <p class="meta"><xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.rem.admin_only'"/></xsl:call-template></p>
        </xsl:if>
      </section>
    </xsl:if>
    <section class="attention">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.attention'"/></xsl:call-template></h2>
      <xsl:choose>
        <xsl:when test="attention/request">
          <ul class="items">
            <xsl:for-each select="attention/request">
              <li>
                <a href="/requests/{@id}"><xsl:value-of select="concat('#', @id, ' ', title)"/></a>
                <xsl:text> </xsl:text>
                <xsl:call-template name="severity-badge"><xsl:with-param name="sev" select="@severity"/></xsl:call-template>
                <span class="meta">
                  <xsl:value-of select="customer/name"/>
                  <xsl:if test="customer"><xsl:text> · </xsl:text></xsl:if>
                  <xsl:value-of select="service/name"/>
                  <xsl:text> · </xsl:text>
                  <xsl:for-each select="updated"><xsl:call-template name="time"/></xsl:for-each>
                </span>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.nothing_waiting'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>

    <section class="replies">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.replies'"/></xsl:call-template></h2>
      <xsl:choose>
        <xsl:when test="replies/reply">
          <ul class="items">
            <xsl:for-each select="replies/reply">
              <li>
                <a href="/requests/{@request-id}"><xsl:value-of select="concat('#', @request-id, ' ', title)"/></a>
                <p class="excerpt"><xsl:value-of select="substring(body, 1, 200)"/></p>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.no_replies'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>

    <section class="incidents">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.incidents'"/></xsl:call-template></h2>
      <xsl:choose>
        <xsl:when test="incidents/incident">
          <ul class="items">
            <xsl:for-each select="incidents/incident">
              <li>
                <a href="/health/{@service-id}"><xsl:value-of select="service"/></a>
                <xsl:text>: </xsl:text>
                <xsl:value-of select="title"/>
                <span class="meta">
                  <xsl:text> · </xsl:text>
                  <xsl:for-each select="started"><xsl:call-template name="time"/></xsl:for-each>
                </span>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.no_incidents'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
    <xsl:apply-templates select="open-requests"/>
    <xsl:if test="may[@action = 'scorecard' or @action = 'sla-report']">
      <section class="reports">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.reports'"/></xsl:call-template></h2>
        <ul class="items">
          <xsl:if test="may[@action = 'scorecard']">
            <li><a href="/reports/scorecard"><xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.scorecard'"/></xsl:call-template></a></li>
          </xsl:if>
          <xsl:if test="may[@action = 'sla-report']">
            <li><a href="/reports/sla"><xsl:call-template name="t"><xsl:with-param name="k" select="'dashboard.sla_report'"/></xsl:call-template></a></li>
          </xsl:if>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
