<?xml version="1.0" encoding="UTF-8"?>
<!-- The SLA report, the partner scorecard and the SLA calendar. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="chart.xsl"/>

  <!-- The SLA targets, in their order. -->
  <xsl:variable name="targets" select="'first_response next_response resolution'"/>

  <!-- The distinct target kinds of the report's rows and of its trend,
       and the trend's severities: each kind's first node by key
       (Muenchian grouping), one pass over the page, where a test against
       the preceding axis was quadratic (200 partners' rows: 77 % of the
       page's instructions). -->
  <xsl:key name="row-target" match="sla-report/row/target" use="@kind"/>
  <xsl:key name="trend-target" match="trend/month/severity/target" use="@kind"/>
  <xsl:key name="trend-severity" match="trend/month/severity" use="@key"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('reports.title.', local-name(sla-report | scorecard | calendar | audit))"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <h1><xsl:call-template name="t"><xsl:with-param name="k" select="concat('reports.title.', local-name(sla-report | scorecard | calendar | audit))"/></xsl:call-template></h1>
    <xsl:apply-templates select="sla-report | scorecard | calendar | audit"/>
  </xsl:template>

  <xsl:template match="sla-report">
    <form method="get" action="/reports/sla" class="filters">
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'reports.by'"/></xsl:call-template>
        <select name="by">
          <xsl:call-template name="opt"><xsl:with-param name="v" select="'severity'"/><xsl:with-param name="cur" select="@by"/><xsl:with-param name="k" select="'field.severity'"/></xsl:call-template>
          <xsl:call-template name="opt"><xsl:with-param name="v" select="'service'"/><xsl:with-param name="cur" select="@by"/><xsl:with-param name="k" select="'field.service'"/></xsl:call-template>
          <xsl:call-template name="opt"><xsl:with-param name="v" select="'partner'"/><xsl:with-param name="cur" select="@by"/><xsl:with-param name="k" select="'reports.partner'"/></xsl:call-template>
          <xsl:call-template name="opt"><xsl:with-param name="v" select="'month'"/><xsl:with-param name="cur" select="@by"/><xsl:with-param name="k" select="'reports.month'"/></xsl:call-template>
        </select>
      </label>
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'reports.days'"/></xsl:call-template>
        <select name="days">
          <xsl:call-template name="opt"><xsl:with-param name="v" select="'30'"/><xsl:with-param name="cur" select="@days"/><xsl:with-param name="k" select="'reports.days.30'"/></xsl:call-template>
          <xsl:call-template name="opt"><xsl:with-param name="v" select="'90'"/><xsl:with-param name="cur" select="@days"/><xsl:with-param name="k" select="'reports.days.90'"/></xsl:call-template>
          <xsl:call-template name="opt"><xsl:with-param name="v" select="'365'"/><xsl:with-param name="cur" select="@days"/><xsl:with-param name="k" select="'reports.days.365'"/></xsl:call-template>
        </select>
      </label>
      <!-- One partner's report stays that partner's (the server scopes a
           global admin's anyway). -->
      <xsl:if test="@partner">
        <input type="hidden" name="partner" value="{@partner}"/>
      </xsl:if>
      <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.filter'"/></xsl:call-template></button>
      <a>
        <xsl:attribute name="href">/reports/sla?by=<xsl:value-of select="@by"/>&amp;days=<xsl:value-of select="@days"/><xsl:if test="@partner">&amp;partner=<xsl:value-of select="@partner"/></xsl:if>&amp;format=csv</xsl:attribute><xsl:call-template name="t"><xsl:with-param name="k" select="'action.csv'"/></xsl:call-template></a>
    </form>
    <xsl:variable name="kinds" select="row/target[generate-id() = generate-id(key('row-target', @kind)[1])]"/>
    <table>
      <thead>
        <tr>
          <th rowspan="2"></th>
          <th rowspan="2"><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.filed'"/></xsl:call-template></th>
          <xsl:for-each select="$kinds">
            <xsl:sort select="string-length(substring-before($targets, @kind))" data-type="number"/>
            <th colspan="3" scope="colgroup"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('reports.target.', @kind)"/></xsl:call-template></th>
          </xsl:for-each>
        </tr>
        <tr>
          <xsl:for-each select="$kinds">
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'sla.met'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'sla.breached'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.waiting'"/></xsl:call-template></th>
          </xsl:for-each>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="row">
          <xsl:variable name="row" select="."/>
          <tr>
            <th scope="row">
              <xsl:choose>
                <xsl:when test="../@by = 'severity'"><xsl:call-template name="severity-badge"><xsl:with-param name="sev" select="@key"/></xsl:call-template></xsl:when>
                <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
              </xsl:choose>
            </th>
            <td><xsl:value-of select="@filed"/></td>
            <xsl:for-each select="$kinds">
              <xsl:sort select="string-length(substring-before($targets, @kind))" data-type="number"/>
              <xsl:variable name="t" select="$row/target[@kind = current()/@kind]"/>
              <td><xsl:value-of select="sum($t/@met)"/></td>
              <td><xsl:value-of select="sum($t/@breached)"/></td>
              <td><xsl:value-of select="sum($t/@pending)"/></td>
            </xsl:for-each>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <xsl:apply-templates select="trend"/>
  </xsl:template>

  <!-- Per target: the met share by month, a line per severity, and its
       numbers. -->
  <xsl:template match="trend">
    <xsl:variable name="trend" select="."/>
    <xsl:variable name="severities" select="month/severity[generate-id() = generate-id(key('trend-severity', @key)[1])]"/>
    <xsl:for-each select="month/severity/target[generate-id() = generate-id(key('trend-target', @kind)[1])]">
      <xsl:sort select="string-length(substring-before($targets, @kind))" data-type="number"/>
      <xsl:variable name="kind" select="@kind"/>
      <xsl:variable name="target-name"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('reports.target.', $kind)"/></xsl:call-template></xsl:variable>
      <xsl:variable name="title">
        <xsl:value-of select="$target-name"/>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'reports.chart.title_sep'"/></xsl:call-template>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'reports.chart.met_share'"/></xsl:call-template>
      </xsl:variable>
      <section class="chart-figure" aria-labelledby="trend-{$kind}-h">
        <h2 id="trend-{$kind}-h"><xsl:value-of select="$title"/></h2>
        <xsl:call-template name="chart-line">
          <xsl:with-param name="id" select="concat('trend-', $kind)"/>
          <xsl:with-param name="title" select="$title"/>
          <xsl:with-param name="desc"><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.chart.met_share_desc'"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="xs" select="$trend/month"/>
          <xsl:with-param name="values1" select="$trend/month/severity[@key = 'A']/target[@kind = $kind]/@met-permille"/>
          <xsl:with-param name="label1"><xsl:call-template name="t"><xsl:with-param name="k" select="'severity.A'"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="values2" select="$trend/month/severity[@key = 'B']/target[@kind = $kind]/@met-permille"/>
          <xsl:with-param name="label2"><xsl:call-template name="t"><xsl:with-param name="k" select="'severity.B'"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="values3" select="$trend/month/severity[@key = 'C']/target[@kind = $kind]/@met-permille"/>
          <xsl:with-param name="label3"><xsl:call-template name="t"><xsl:with-param name="k" select="'severity.C'"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <table class="chart-data">
          <caption><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.chart.numbers'"/></xsl:call-template></caption>
          <thead>
            <tr>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.month'"/></xsl:call-template></th>
              <xsl:for-each select="$severities">
                <xsl:sort select="@key"/>
                <th scope="col"><xsl:call-template name="severity-badge"><xsl:with-param name="sev" select="@key"/></xsl:call-template></th>
              </xsl:for-each>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="$trend/month">
              <xsl:variable name="month" select="."/>
              <tr>
                <th scope="row"><xsl:value-of select="@key"/></th>
                <xsl:for-each select="$severities">
                  <xsl:sort select="@key"/>
                  <xsl:variable name="t" select="$month/severity[@key = current()/@key]/target[@kind = $kind]"/>
                  <td><xsl:call-template name="met-share"><xsl:with-param name="t" select="$t"/></xsl:call-template></td>
                </xsl:for-each>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </section>
    </xsl:for-each>
  </xsl:template>

  <!-- "3 of 4 (75 %)": met of the decided; pending ones are not yet. -->
  <xsl:template name="met-share">
    <xsl:param name="t"/>
    <xsl:choose>
      <xsl:when test="$t/@met-permille">
        <xsl:value-of select="$t/@met"/>
        <xsl:text>/</xsl:text>
        <xsl:value-of select="$t/@met + $t/@breached"/>
        <xsl:text> (</xsl:text>
        <xsl:value-of select="format-number($t/@met-permille div 10, '0.#')"/>
        <xsl:text> %)</xsl:text>
      </xsl:when>
      <xsl:otherwise>–</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="scorecard">
    <xsl:for-each select="window">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="concat('reports.days.', @days)"/></xsl:call-template></h2>
      <table>
        <thead>
          <tr>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.partner'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.filed'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.deflections'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.flagged'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.flag_rate'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'sla.met'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'sla.breached'"/></xsl:call-template></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="partner">
            <tr>
              <th scope="row">
                <!-- Every partner's card: each name opens that partner's. -->
                <xsl:choose>
                  <xsl:when test="/page/scorecard/@partner"><xsl:value-of select="."/></xsl:when>
                  <xsl:otherwise><a href="/reports/scorecard?partner={@id}"><xsl:value-of select="."/></a></xsl:otherwise>
                </xsl:choose>
              </th>
              <td><xsl:value-of select="@requests"/></td>
              <td><xsl:value-of select="@deflections"/></td>
              <td><xsl:value-of select="@flagged"/></td>
              <td><xsl:value-of select="format-number(@flag-rate-permille div 10, '0.0')"/> %</td>
              <td><xsl:value-of select="@sla-met"/></td>
              <td><xsl:value-of select="@sla-breached"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:for-each>
    <xsl:apply-templates select="history"/>
  </xsl:template>

  <!-- The last 12 months: the flag rate and the first responses' met
       share, two lines, and their numbers. -->
  <xsl:template match="history">
    <xsl:variable name="title">
      <xsl:choose>
        <xsl:when test="../@partner"><xsl:value-of select="../window[1]/partner[@id = current()/../@partner]"/></xsl:when>
        <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.chart.all_partners'"/></xsl:call-template></xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'reports.chart.title_sep'"/></xsl:call-template>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'reports.chart.history'"/></xsl:call-template>
    </xsl:variable>
    <section class="chart-figure" aria-labelledby="history-h">
      <h2 id="history-h"><xsl:value-of select="$title"/></h2>
      <xsl:choose>
        <xsl:when test="month">
          <xsl:call-template name="chart-line">
            <xsl:with-param name="id" select="'history'"/>
            <xsl:with-param name="title" select="$title"/>
            <xsl:with-param name="desc"><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.chart.history_desc'"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="xs" select="month"/>
            <xsl:with-param name="values1" select="month/@sla-met-permille"/>
            <xsl:with-param name="label1"><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.chart.sla_met'"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="values2" select="month/@flag-rate-permille"/>
            <xsl:with-param name="label2"><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.flag_rate'"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
          <table class="chart-data">
            <caption><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.chart.history_numbers'"/></xsl:call-template></caption>
            <thead>
              <tr>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.month'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.filed'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.flagged'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.flag_rate'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.chart.sla_met'"/></xsl:call-template></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="month">
                <tr>
                  <th scope="row"><xsl:value-of select="@key"/></th>
                  <td><xsl:value-of select="@requests"/></td>
                  <td><xsl:value-of select="@flagged"/></td>
                  <td><xsl:value-of select="format-number(@flag-rate-permille div 10, '0.0')"/> %</td>
                  <td>
                    <xsl:choose>
                      <xsl:when test="@sla-met-permille">
                        <xsl:value-of select="concat(@sla-met, '/', @sla-met + @sla-breached, ' (', format-number(@sla-met-permille div 10, '0.#'), ' %)')"/>
                      </xsl:when>
                      <xsl:otherwise>–</xsl:otherwise>
                    </xsl:choose>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.chart.no_history'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="calendar">
    <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.calendar_hint'"/></xsl:call-template></p>
    <table>
      <thead>
        <tr>
          <th><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.date'"/></xsl:call-template></th>
          <th><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.kind'"/></xsl:call-template></th>
          <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.name'"/></xsl:call-template></th>
          <xsl:if test="@editable"><th></th></xsl:if>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="day">
          <tr>
            <td><time datetime="{@date}"><xsl:value-of select="@date"/></time></td>
            <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('reports.kind.', @kind)"/></xsl:call-template></td>
            <td><xsl:value-of select="."/></td>
            <xsl:if test="../@editable">
              <td>
                <form method="post" action="/calendar/remove" class="inline">
                  <xsl:call-template name="csrf-field"/>
                  <input type="hidden" name="day" value="{@date}"/>
                  <button type="submit" class="secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.remove'"/></xsl:call-template></button>
                </form>
              </td>
            </xsl:if>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <xsl:if test="@editable">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.add_day'"/></xsl:call-template></h2>
      <form method="post" action="/calendar">
        <xsl:call-template name="csrf-field"/>
        <p class="field">
          <label for="day"><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.date'"/></xsl:call-template></label>
          <input type="date" id="day" name="day" required="required"/>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'day'"/></xsl:call-template>
        </p>
        <p class="field">
          <label for="kind"><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.kind'"/></xsl:call-template></label>
          <select id="kind" name="kind">
            <option value="holiday"><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.kind.holiday'"/></xsl:call-template></option>
            <option value="workday"><xsl:call-template name="t"><xsl:with-param name="k" select="'reports.kind.workday'"/></xsl:call-template></option>
          </select>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'kind'"/></xsl:call-template>
        </p>
        <p class="field">
          <label for="name"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.name'"/></xsl:call-template></label>
          <input type="text" id="name" name="name" maxlength="80"/>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'name'"/></xsl:call-template>
        </p>
        <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.save'"/></xsl:call-template></button></p>
      </form>
    </xsl:if>
  </xsl:template>

  <xsl:template name="opt">
    <xsl:param name="v"/>
    <xsl:param name="cur"/>
    <xsl:param name="k"/>
    <option value="{$v}">
      <xsl:if test="$v = $cur"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
      <xsl:call-template name="t"><xsl:with-param name="k" select="$k"/></xsl:call-template>
    </option>
  </xsl:template>
  <!-- The audit log: filters, newest first, "older" pages by id. -->
  <xsl:template match="audit">
    <form method="get" action="/reports/audit" class="filters">
      <label for="action"><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.action'"/></xsl:call-template></label>
      <input type="text" id="action" name="action" value="{@action}" placeholder="sign_in, remediation." maxlength="80"/>
      <label for="user"><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.user'"/></xsl:call-template></label>
      <input type="email" id="user" name="user" value="{@user}" maxlength="254"/>
      <xsl:text> </xsl:text>
      <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.filter'"/></xsl:call-template></button>
      <xsl:text> </xsl:text>
      <a href="{@csv-url}"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.csv'"/></xsl:call-template></a>
    </form>
    <xsl:choose>
      <xsl:when test="entry">
        <table class="audit">
          <thead>
            <tr>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.at'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.user'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.action'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.detail'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.address'"/></xsl:call-template></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="entry">
              <tr>
                <td><xsl:for-each select="at"><xsl:call-template name="time"/></xsl:for-each></td>
                <td>
                  <xsl:value-of select="actor"/>
                  <xsl:if test="actor/@partner"><span class="meta"><xsl:value-of select="actor/@partner"/></span></xsl:if>
                </td>
                <td><code><xsl:value-of select="@action"/></code></td>
                <td><xsl:value-of select="detail"/></td>
                <td><xsl:value-of select="remote-addr"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
        <xsl:if test="@older-than">
          <nav class="pager">
            <a rel="next" href="{@older-url}">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'audit.older'"/></xsl:call-template>
            </a>
          </nav>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.none'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
