<?xml version="1.0" encoding="UTF-8"?>
<!-- Charts drawn as SVG from the page's own model: no library, no script.
     A chart is an image to assistive technology (role="img", named by its
     <title> and <desc>); the page prints the same numbers in a table beside
     it.  Series differ by dash and marker shape and carry a direct label,
     so colour is never the only way to tell them apart (style.css gives the
     colours, and black on paper).

     The data are attribute nodes: `values` selects, under each category
     node of `xs` (a month, a severity), the attribute that is its value, so
     a category without one is a gap.  Values of a line chart are per mille
     (the model's *-permille), drawn as per cent. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- The drawing, in viewBox units: the plot area inside margins that
       hold the axes' labels and, on the right, the lines' labels. -->
  <xsl:variable name="chart-w" select="680"/>
  <xsl:variable name="chart-h" select="260"/>
  <xsl:variable name="chart-left" select="52"/>
  <xsl:variable name="chart-right" select="180"/>
  <xsl:variable name="chart-top" select="14"/>
  <xsl:variable name="chart-bottom" select="34"/>
  <xsl:variable name="chart-plot-w" select="$chart-w - $chart-left - $chart-right"/>
  <xsl:variable name="chart-plot-h" select="$chart-h - $chart-top - $chart-bottom"/>
  <!-- At most this many labels under the x axis: the others are skipped. -->
  <xsl:variable name="chart-max-labels" select="7"/>

  <!-- A line chart of up to three series of per mille values over the
       categories xs (labelled by their @key). -->
  <xsl:template name="chart-line">
    <xsl:param name="id"/>
    <xsl:param name="title"/>
    <xsl:param name="desc"/>
    <xsl:param name="xs"/>
    <xsl:param name="values1"/>
    <xsl:param name="label1"/>
    <xsl:param name="values2" select="/.."/>
    <xsl:param name="label2"/>
    <xsl:param name="values3" select="/.."/>
    <xsl:param name="label3"/>
    <xsl:call-template name="chart-svg">
      <xsl:with-param name="id" select="$id"/>
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="desc" select="$desc"/>
      <xsl:with-param name="kind" select="'line'"/>
      <xsl:with-param name="body">
        <xsl:call-template name="chart-y-axis">
          <xsl:with-param name="max" select="1000"/>
          <xsl:with-param name="per-cent" select="true()"/>
        </xsl:call-template>
        <xsl:call-template name="chart-x-axis">
          <xsl:with-param name="xs" select="$xs"/>
          <xsl:with-param name="slots" select="false()"/>
        </xsl:call-template>
        <xsl:call-template name="chart-series">
          <xsl:with-param name="xs" select="$xs"/>
          <xsl:with-param name="values" select="$values1"/>
          <xsl:with-param name="label" select="$label1"/>
          <xsl:with-param name="n" select="1"/>
        </xsl:call-template>
        <xsl:call-template name="chart-series">
          <xsl:with-param name="xs" select="$xs"/>
          <xsl:with-param name="values" select="$values2"/>
          <xsl:with-param name="label" select="$label2"/>
          <xsl:with-param name="n" select="2"/>
        </xsl:call-template>
        <xsl:call-template name="chart-series">
          <xsl:with-param name="xs" select="$xs"/>
          <xsl:with-param name="values" select="$values3"/>
          <xsl:with-param name="label" select="$label3"/>
          <xsl:with-param name="n" select="3"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A bar chart of counts: one bar per category of xs, its value
       written on it; label-prefix + @key names a category's message. -->
  <xsl:template name="chart-bar">
    <xsl:param name="id"/>
    <xsl:param name="title"/>
    <xsl:param name="desc"/>
    <xsl:param name="xs"/>
    <xsl:param name="values"/>
    <xsl:param name="label-prefix" select="''"/>
    <xsl:variable name="highest">
      <xsl:for-each select="$values">
        <xsl:sort select="." data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="."/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <!-- Four ticks of whole numbers above the highest bar. -->
    <xsl:variable name="step">
      <xsl:choose>
        <xsl:when test="number($highest) &gt; 0"><xsl:value-of select="ceiling($highest div 4)"/></xsl:when>
        <xsl:otherwise>1</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="max" select="$step * 4"/>
    <xsl:variable name="slot" select="$chart-plot-w div count($xs)"/>
    <xsl:call-template name="chart-svg">
      <xsl:with-param name="id" select="$id"/>
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="desc" select="$desc"/>
      <xsl:with-param name="kind" select="'bar'"/>
      <!-- Bars have no key: the drawing ends after the plot. -->
      <xsl:with-param name="width" select="$chart-w - $chart-right + 16"/>
      <xsl:with-param name="body">
        <xsl:call-template name="chart-y-axis">
          <xsl:with-param name="max" select="$max"/>
          <xsl:with-param name="per-cent" select="false()"/>
        </xsl:call-template>
        <xsl:call-template name="chart-x-axis">
          <xsl:with-param name="xs" select="$xs"/>
          <xsl:with-param name="slots" select="true()"/>
          <xsl:with-param name="label-prefix" select="$label-prefix"/>
        </xsl:call-template>
        <xsl:for-each select="$xs">
          <xsl:variable name="x" select="."/>
          <xsl:variable name="v" select="number($values[count(ancestor::* | $x) = count(ancestor::*)])"/>
          <xsl:if test="$v = $v">
            <xsl:variable name="h" select="$v * $chart-plot-h div $max"/>
            <xsl:variable name="left" select="$chart-left + (position() - 1) * $slot + $slot * 0.2"/>
            <rect class="chart-column" x="{format-number($left, '0.#')}"
                y="{format-number($chart-top + $chart-plot-h - $h, '0.#')}"
                width="{format-number($slot * 0.6, '0.#')}" height="{format-number($h, '0.#')}"/>
            <text class="chart-value" text-anchor="middle"
                x="{format-number($left + $slot * 0.3, '0.#')}"
                y="{format-number($chart-top + $chart-plot-h - $h - 4, '0.#')}"><xsl:value-of select="$v"/></text>
          </xsl:if>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The frame every chart shares: the image, its name and description. -->
  <xsl:template name="chart-svg">
    <xsl:param name="id"/>
    <xsl:param name="title"/>
    <xsl:param name="desc"/>
    <xsl:param name="kind"/>
    <xsl:param name="width" select="$chart-w"/>
    <xsl:param name="body"/>
    <svg class="chart chart-{$kind}" viewBox="0 0 {$width} {$chart-h}"
        role="img" aria-labelledby="{$id}-title {$id}-desc">
      <title id="{$id}-title"><xsl:value-of select="$title"/></title>
      <desc id="{$id}-desc"><xsl:value-of select="$desc"/></desc>
      <xsl:copy-of select="$body"/>
    </svg>
  </xsl:template>

  <!-- Five ticks from 0 to max with grid lines; per-cent: max is per
       mille and the labels per cent. -->
  <xsl:template name="chart-y-axis">
    <xsl:param name="max"/>
    <xsl:param name="per-cent"/>
    <xsl:call-template name="chart-y-tick">
      <xsl:with-param name="i" select="0"/>
      <xsl:with-param name="max" select="$max"/>
      <xsl:with-param name="per-cent" select="$per-cent"/>
    </xsl:call-template>
    <line class="chart-axis" x1="{$chart-left}" y1="{$chart-top}"
        x2="{$chart-left}" y2="{$chart-top + $chart-plot-h}"/>
  </xsl:template>

  <xsl:template name="chart-y-tick">
    <xsl:param name="i"/>
    <xsl:param name="max"/>
    <xsl:param name="per-cent"/>
    <xsl:variable name="y" select="format-number($chart-top + $chart-plot-h - $i * $chart-plot-h div 4, '0.#')"/>
    <line class="chart-grid" x1="{$chart-left}" y1="{$y}" x2="{$chart-left + $chart-plot-w}" y2="{$y}"/>
    <text class="chart-tick" x="{$chart-left - 6}" y="{$y + 4}" text-anchor="end">
      <xsl:choose>
        <xsl:when test="$per-cent"><xsl:value-of select="$i * $max div 40"/> %</xsl:when>
        <xsl:otherwise><xsl:value-of select="$i * $max div 4"/></xsl:otherwise>
      </xsl:choose>
    </text>
    <xsl:if test="$i &lt; 4">
      <xsl:call-template name="chart-y-tick">
        <xsl:with-param name="i" select="$i + 1"/>
        <xsl:with-param name="max" select="$max"/>
        <xsl:with-param name="per-cent" select="$per-cent"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The x axis and a label under each category (every few when many).
       slots: bars, centred in a slot each; else points, end to end. -->
  <xsl:template name="chart-x-axis">
    <xsl:param name="xs"/>
    <xsl:param name="slots"/>
    <xsl:param name="label-prefix" select="''"/>
    <xsl:variable name="every" select="ceiling(count($xs) div $chart-max-labels)"/>
    <line class="chart-axis" x1="{$chart-left}" y1="{$chart-top + $chart-plot-h}"
        x2="{$chart-left + $chart-plot-w}" y2="{$chart-top + $chart-plot-h}"/>
    <xsl:for-each select="$xs">
      <xsl:if test="(position() - 1) mod $every = 0">
        <text class="chart-label" text-anchor="middle" y="{$chart-top + $chart-plot-h + 20}">
          <xsl:attribute name="x">
            <xsl:call-template name="chart-x">
              <xsl:with-param name="i" select="position()"/>
              <xsl:with-param name="n" select="last()"/>
              <xsl:with-param name="slots" select="$slots"/>
            </xsl:call-template>
          </xsl:attribute>
          <xsl:choose>
            <xsl:when test="$label-prefix != ''">
              <xsl:call-template name="t"><xsl:with-param name="k" select="concat($label-prefix, @key)"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="@key"/></xsl:otherwise>
          </xsl:choose>
        </text>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- The x of category i of n. -->
  <xsl:template name="chart-x">
    <xsl:param name="i"/>
    <xsl:param name="n"/>
    <xsl:param name="slots"/>
    <xsl:choose>
      <xsl:when test="$slots">
        <xsl:value-of select="format-number($chart-left + ($i - 0.5) * $chart-plot-w div $n, '0.#')"/>
      </xsl:when>
      <xsl:when test="$n = 1">
        <xsl:value-of select="format-number($chart-left + $chart-plot-w div 2, '0.#')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="format-number($chart-left + 8 + ($i - 1) * ($chart-plot-w - 16) div ($n - 1), '0.#')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The y of a per mille value. -->
  <xsl:template name="chart-y">
    <xsl:param name="v"/>
    <xsl:value-of select="format-number($chart-top + $chart-plot-h - $v * $chart-plot-h div 1000, '0.#')"/>
  </xsl:template>

  <!-- One line: its points joined, a marker of its own shape on each,
       and its key. -->
  <xsl:template name="chart-series">
    <xsl:param name="xs"/>
    <xsl:param name="values"/>
    <xsl:param name="label"/>
    <xsl:param name="n"/>
    <xsl:if test="$values">
      <xsl:variable name="count" select="count($xs)"/>
      <g class="chart-series chart-s{$n}">
        <polyline fill="none">
          <xsl:attribute name="points">
            <xsl:for-each select="$xs">
              <xsl:variable name="x" select="."/>
              <xsl:variable name="v" select="$values[count(ancestor::* | $x) = count(ancestor::*)]"/>
              <xsl:if test="$v">
                <xsl:call-template name="chart-x">
                  <xsl:with-param name="i" select="position()"/>
                  <xsl:with-param name="n" select="$count"/>
                  <xsl:with-param name="slots" select="false()"/>
                </xsl:call-template>
                <xsl:text>,</xsl:text>
                <xsl:call-template name="chart-y"><xsl:with-param name="v" select="$v"/></xsl:call-template>
                <xsl:text> </xsl:text>
              </xsl:if>
            </xsl:for-each>
          </xsl:attribute>
        </polyline>
        <xsl:for-each select="$xs">
          <xsl:variable name="x" select="."/>
          <xsl:variable name="v" select="$values[count(ancestor::* | $x) = count(ancestor::*)]"/>
          <xsl:if test="$v">
            <xsl:call-template name="chart-marker">
              <xsl:with-param name="n" select="$n"/>
              <xsl:with-param name="x">
                <xsl:call-template name="chart-x">
                  <xsl:with-param name="i" select="position()"/>
                  <xsl:with-param name="n" select="$count"/>
                  <xsl:with-param name="slots" select="false()"/>
                </xsl:call-template>
              </xsl:with-param>
              <xsl:with-param name="y">
                <xsl:call-template name="chart-y"><xsl:with-param name="v" select="$v"/></xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
          </xsl:if>
        </xsl:for-each>
        <!-- Its key on the right: a sample of the line and its marker,
             and its label. -->
        <xsl:variable name="key-y" select="$chart-top + 10 + ($n - 1) * 22"/>
        <line x1="{$chart-left + $chart-plot-w + 8}" y1="{$key-y}"
            x2="{$chart-left + $chart-plot-w + 28}" y2="{$key-y}"/>
        <xsl:call-template name="chart-marker">
          <xsl:with-param name="n" select="$n"/>
          <xsl:with-param name="x" select="$chart-left + $chart-plot-w + 18"/>
          <xsl:with-param name="y" select="$key-y"/>
        </xsl:call-template>
        <text class="chart-series-label" x="{$chart-left + $chart-plot-w + 34}" y="{$key-y + 4}">
          <xsl:value-of select="$label"/>
        </text>
      </g>
    </xsl:if>
  </xsl:template>

  <!-- Series 1 a circle, 2 a square, 3 a triangle. -->
  <xsl:template name="chart-marker">
    <xsl:param name="n"/>
    <xsl:param name="x"/>
    <xsl:param name="y"/>
    <xsl:choose>
      <xsl:when test="$n = 1"><circle cx="{$x}" cy="{$y}" r="4"/></xsl:when>
      <xsl:when test="$n = 2"><rect x="{$x - 4}" y="{$y - 4}" width="8" height="8"/></xsl:when>
      <xsl:otherwise><polygon points="{$x},{$y - 5} {$x + 5},{$y + 4} {$x - 5},{$y + 4}"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
