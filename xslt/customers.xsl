<?xml version="1.0" encoding="UTF-8"?>
<!-- Customer search: by company name or domain, prefix, any case. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'nav.customers'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <h1><xsl:call-template name="t"><xsl:with-param name="k" select="'nav.customers'"/></xsl:call-template></h1>
    <form method="get" action="/customers" class="search" role="search">
      <label for="q"><xsl:call-template name="t"><xsl:with-param name="k" select="'customers.search_label'"/></xsl:call-template></label>
      <input type="search" id="q" name="q" maxlength="80" value="{customers/@q}" autofocus="autofocus"/>
      <xsl:text> </xsl:text>
      <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.search'"/></xsl:call-template></button>
    </form>
    <p class="meta">
      <xsl:value-of select="customers/@total"/>
      <xsl:text> </xsl:text>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'customers.found'"/></xsl:call-template>
      <xsl:text> · </xsl:text>
      <a href="{customers/pager/@base-url}format=csv"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.csv'"/></xsl:call-template></a>
    </p>
    <xsl:choose>
      <xsl:when test="customers/customer">
        <table>
          <thead>
            <tr>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'customers.col.name'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'customers.col.domain'"/></xsl:call-template></th>
              <xsl:if test="customers/customer/partner">
                <th><xsl:call-template name="t"><xsl:with-param name="k" select="'customers.col.partner'"/></xsl:call-template></th>
              </xsl:if>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'customers.col.agreement'"/></xsl:call-template></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="customers/customer">
              <tr>
                <td><a href="/customers/{@id}"><xsl:value-of select="name"/></a></td>
                <td><xsl:value-of select="domain"/></td>
                <xsl:if test="partner"><td><xsl:value-of select="partner"/></td></xsl:if>
                <td>
                  <xsl:if test="@premium = 'yes'">
                    <span class="badge premium"><xsl:call-template name="t"><xsl:with-param name="k" select="'customers.premium'"/></xsl:call-template></span>
                  </xsl:if>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'customers.none'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="pager"><xsl:with-param name="p" select="customers/pager"/></xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
