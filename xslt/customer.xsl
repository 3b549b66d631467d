<?xml version="1.0" encoding="UTF-8"?>
<!-- One customer: its services (Administer, View service health), its
     requests and New request. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="customer/name"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:apply-templates select="customer"/>
  </xsl:template>

  <xsl:template match="customer">
    <xsl:if test="@deflected = 'yes'">
      <div class="notice success" role="status">
        <p><xsl:call-template name="t"><xsl:with-param name="k" select="'customer.deflected'"/></xsl:call-template></p>
      </div>
    </xsl:if>
    <h1>
      <xsl:value-of select="name"/>
      <xsl:if test="@premium = 'yes'">
        <xsl:text> </xsl:text>
        <span class="badge premium"><xsl:call-template name="t"><xsl:with-param name="k" select="'customers.premium'"/></xsl:call-template></span>
      </xsl:if>
    </h1>
    <dl class="facts">
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'customers.col.domain'"/></xsl:call-template></dt>
      <dd><xsl:value-of select="domain"/></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'customer.tenant'"/></xsl:call-template></dt>
      <dd><code><xsl:value-of select="tenant-id"/></code></dd>
      <xsl:if test="partner">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'customers.col.partner'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="partner"/></dd>
      </xsl:if>
    </dl>
    <xsl:if test="may[@action = 'new-request']">
      <p class="actions">
        <a class="button" href="/requests/new?customer={@id}">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'customer.new_request'"/></xsl:call-template>
        </a>
      </p>
    </xsl:if>

    <section class="services">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'customer.services'"/></xsl:call-template></h2>
      <table>
        <thead>
          <tr>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.service'"/></xsl:call-template></th>
            <xsl:if test="may[@action = 'health']">
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'nav.health'"/></xsl:call-template></th>
            </xsl:if>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'customer.actions'"/></xsl:call-template></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="services/service">
            <tr>
              <td><xsl:value-of select="name"/></td>
              <xsl:if test="@status">
                <td>
                  <span class="badge health-{@status}">
                    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('health.', @status)"/></xsl:call-template>
                  </span>
                </td>
              </xsl:if>
              <td>
                <xsl:if test="admin-url">
                  <a href="{admin-url}" rel="noopener noreferrer" target="_blank">
                    <xsl:call-template name="t"><xsl:with-param name="k" select="'customer.administer'"/></xsl:call-template>
                    <span class="visually-hidden"><xsl:value-of select="concat(' ', name)"/></span>
                  </a>
                  <xsl:text> · </xsl:text>
                </xsl:if>
                <xsl:if test="../../may[@action = 'health']">
                  <a href="/health/{@id}">
                    <xsl:call-template name="t"><xsl:with-param name="k" select="'customer.view_health'"/></xsl:call-template>
                  </a>
                </xsl:if>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </section>

    <xsl:if test="requests">
      <section class="requests">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'customer.requests'"/></xsl:call-template></h2>
        <xsl:choose>
          <xsl:when test="requests/request">
            <table>
              <thead>
                <tr>
                  <th>#</th>
                  <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.title'"/></xsl:call-template></th>
                  <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.service'"/></xsl:call-template></th>
                  <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.status'"/></xsl:call-template></th>
                  <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.severity'"/></xsl:call-template></th>
                  <th><xsl:call-template name="t"><xsl:with-param name="k" select="'customer.updated'"/></xsl:call-template></th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="requests/request">
                  <tr>
                    <td><a href="/requests/{@id}"><xsl:value-of select="@id"/></a></td>
                    <td><a href="/requests/{@id}"><xsl:value-of select="title"/></a></td>
                    <td><xsl:value-of select="service/name"/></td>
                    <td><xsl:call-template name="status-badge"><xsl:with-param name="status" select="@status"/></xsl:call-template></td>
                    <td><xsl:call-template name="severity-badge"><xsl:with-param name="sev" select="@severity"/></xsl:call-template></td>
                    <td><xsl:for-each select="updated"><xsl:call-template name="time"/></xsl:for-each></td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </xsl:when>
          <xsl:otherwise>
            <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'customer.no_requests'"/></xsl:call-template></p>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
