<?xml version="1.0" encoding="UTF-8"?>
<!-- Support requests: the customer or partner request list with its
     filter form, the customer search box, the CSV link and the pager. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:variable name="scope" select="string(/page/requests/@scope)"/>
  <xsl:variable name="partner-column" select="boolean(/page/requests/request/partner)"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t">
      <xsl:with-param name="k" select="concat('requests.title.', requests/@scope)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <h1>
      <xsl:call-template name="t">
        <xsl:with-param name="k" select="concat('requests.title.', $scope)"/>
      </xsl:call-template>
    </h1>
    <xsl:if test="requests/may[@action = 'partner-scope']">
      <nav class="tabs">
        <xsl:call-template name="requests-tab">
          <xsl:with-param name="scope" select="'customer'"/>
          <xsl:with-param name="current" select="$scope"/>
        </xsl:call-template>
        <xsl:call-template name="requests-tab">
          <xsl:with-param name="scope" select="'partner'"/>
          <xsl:with-param name="current" select="$scope"/>
        </xsl:call-template>
      </nav>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="$scope = 'partner'">
        <p class="actions">
          <a class="button" href="/requests/new?scope=partner">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'requests.new'"/></xsl:call-template>
          </a>
        </p>
      </xsl:when>
      <xsl:otherwise>
        <form class="search" method="get" action="/customers">
          <label for="customer-q">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'requests.customer_search'"/></xsl:call-template>
          </label>
          <input type="search" id="customer-q" name="q"/>
          <button type="submit">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'requests.search'"/></xsl:call-template>
          </button>
          <p class="hint">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'requests.new_hint'"/></xsl:call-template>
          </p>
        </form>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:apply-templates select="requests/filter"/>
    <p class="summary">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'requests.total'"/></xsl:call-template>
      <xsl:text> </xsl:text>
      <strong><xsl:value-of select="requests/@total"/><xsl:if test="requests/@more = 'yes'">+</xsl:if></strong>
      <xsl:text> · </xsl:text>
      <a href="{pager/@base-url}format=csv">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'action.csv'"/></xsl:call-template>
      </a>
    </p>
    <xsl:choose>
      <xsl:when test="requests/request">
        <table class="list">
          <thead>
            <tr>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'requests.col.id'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'requests.col.title'"/></xsl:call-template></th>
              <xsl:if test="$partner-column">
                <th><xsl:call-template name="t"><xsl:with-param name="k" select="'requests.col.partner'"/></xsl:call-template></th>
              </xsl:if>
              <xsl:if test="$scope = 'customer'">
                <th><xsl:call-template name="t"><xsl:with-param name="k" select="'requests.col.customer'"/></xsl:call-template></th>
              </xsl:if>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'requests.col.service'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'requests.col.status'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'requests.col.severity'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'requests.col.updated'"/></xsl:call-template></th>
            </tr>
          </thead>
          <tbody>
            <xsl:apply-templates select="requests/request"/>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'requests.none'"/></xsl:call-template>
        </p>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="pager"/>
  </xsl:template>

  <!-- Customer requests / Partner requests (partner requests are not
       for helpdesk agents, who do not get the tabs at all). -->
  <xsl:template name="requests-tab">
    <xsl:param name="scope"/>
    <xsl:param name="current"/>
    <a href="/requests?scope={$scope}">
      <xsl:if test="$scope = $current">
        <xsl:attribute name="class">current</xsl:attribute>
        <xsl:attribute name="aria-current">page</xsl:attribute>
      </xsl:if>
      <xsl:call-template name="t">
        <xsl:with-param name="k" select="concat('requests.title.', $scope)"/>
      </xsl:call-template>
    </a>
  </xsl:template>

  <xsl:template match="filter">
    <xsl:variable name="f" select="."/>
    <form class="filters" method="get" action="/requests">
      <input type="hidden" name="scope" value="{../@scope}"/>
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'requests.col.status'"/></xsl:call-template>
        <select name="status">
          <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'requests.any'"/></xsl:call-template></option>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'none'"/><xsl:with-param name="current" select="$f/@status"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'status.none'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'open'"/><xsl:with-param name="current" select="$f/@status"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'status.open'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'attention_needed'"/><xsl:with-param name="current" select="$f/@status"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'status.attention_needed'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'closed'"/><xsl:with-param name="current" select="$f/@status"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'status.closed'"/></xsl:call-template></xsl:with-param></xsl:call-template>
        </select>
      </label>
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'requests.col.severity'"/></xsl:call-template>
        <select name="severity">
          <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'requests.any'"/></xsl:call-template></option>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'A'"/><xsl:with-param name="current" select="$f/@severity"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'severity.A'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'B'"/><xsl:with-param name="current" select="$f/@severity"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'severity.B'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'C'"/><xsl:with-param name="current" select="$f/@severity"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'severity.C'"/></xsl:call-template></xsl:with-param></xsl:call-template>
        </select>
      </label>
      <xsl:if test="../@scope = 'customer'">
        <!-- By name (the customers page's search); the id of the one
             chosen goes with it while the name shown is unchanged. -->
        <label>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'requests.col.customer'"/></xsl:call-template>
          <input type="search" id="customer_name" name="customer_name" value="{$f/@customer_name}" maxlength="80">
            <xsl:if test="/page/errors/error[@field = 'customer_name']">
              <xsl:attribute name="aria-invalid">true</xsl:attribute>
              <xsl:attribute name="aria-describedby">error-customer_name</xsl:attribute>
            </xsl:if>
          </input>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'customer_name'"/></xsl:call-template>
        </label>
        <xsl:if test="$f/@customer">
          <input type="hidden" name="customer" value="{$f/@customer}"/>
        </xsl:if>
      </xsl:if>
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'requests.col.service'"/></xsl:call-template>
        <select name="service">
          <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'requests.any'"/></xsl:call-template></option>
          <xsl:for-each select="/page/services/service">
            <option value="{@id}">
              <xsl:if test="@id = $f/@service"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="name"/>
            </option>
          </xsl:for-each>
        </select>
      </label>
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'requests.q'"/></xsl:call-template>
        <input type="search" name="q" value="{$f/@q}" maxlength="200"/>
      </label>
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'requests.sort'"/></xsl:call-template>
        <select name="sort">
          <xsl:call-template name="option"><xsl:with-param name="value" select="'updated'"/><xsl:with-param name="current" select="$f/@sort"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'requests.sort.updated'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'created'"/><xsl:with-param name="current" select="$f/@sort"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'requests.sort.created'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'severity'"/><xsl:with-param name="current" select="$f/@sort"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'requests.sort.severity'"/></xsl:call-template></xsl:with-param></xsl:call-template>
        </select>
      </label>
      <button type="submit">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'requests.filter'"/></xsl:call-template>
      </button>
      <a href="/requests?scope={../@scope}">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'requests.clear'"/></xsl:call-template>
      </a>
    </form>
    <xsl:apply-templates select="matches">
      <xsl:with-param name="base" select="/page/pager/@base-url"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- A row.  Whether the list has a partner column ($partner-column)
       is decided once for the page, not per row (asked per row, it
       walked every row: quadratic in the page). -->
  <xsl:template match="requests/request">
    <tr>
      <td><a href="/requests/{@id}"><xsl:value-of select="@id"/></a></td>
      <td><a href="/requests/{@id}"><xsl:value-of select="title"/></a></td>
      <xsl:if test="$partner-column">
        <td><xsl:value-of select="partner"/></td>
      </xsl:if>
      <xsl:if test="$scope = 'customer'">
        <td><a href="/customers/{customer/@id}"><xsl:value-of select="customer/name"/></a></td>
      </xsl:if>
      <td><xsl:value-of select="service/name"/></td>
      <td><xsl:call-template name="status-badge"><xsl:with-param name="status" select="@status"/></xsl:call-template></td>
      <td><xsl:call-template name="severity-badge"><xsl:with-param name="sev" select="@severity"/></xsl:call-template></td>
      <td><xsl:for-each select="updated"><xsl:call-template name="time"/></xsl:for-each></td>
    </tr>
  </xsl:template>
</xsl:stylesheet>
